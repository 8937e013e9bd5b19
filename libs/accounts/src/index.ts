export * from './accounts.service';
export * from './mail/create-mailer';
export * from './mail/mailer';
export * from './mail/outbox-mailer';
export * from './password-hasher';
export * from './tokens';
export * from './user-response';
