export * from './api-versions';
export * from './message-fields';
export * from './post-data-message';
export * from './get-data-message';
export * from './posted-belief-times';
export * from './udi-event-message';
