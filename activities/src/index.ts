export * from './deliverable/deliverable.activities';
export * from './deliverable/message-id.util';
