export * from './domain-exception';
export * from './deliverable-key';
export * from './deliverable-status';
export * from './reminder-schedule';
export * from './submission';
export * from './org';
export * from './input-problem';
export * from './lifecycle';
