export * from './periods.ts';
export * from './progress.ts';
export * from './reason-text.ts';
export * from './reminders.ts';
export * from './status.ts';
