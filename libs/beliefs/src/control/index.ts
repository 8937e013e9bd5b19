export * from './control.repository';
export * from './device-message.service';
export * from './job-state';
export * from './post-udi-event.service';
export * from './schedule.handler';
export * from './storage-scheduler';
