export * from './deliverable/deliverable.activities';
export * from './mail/message-id.util';
export * from './mail/postman';
export * from './plan/plan.activities';
export * from './issue/issue.activities';
export * from './deliverable/start-deliverable';
export * from './urging/weekly-urging.activities';
export * from './mail/daily-mail.activities';
