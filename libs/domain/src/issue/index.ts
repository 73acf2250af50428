export * from './issue.types';
export * from './issue-limits';
export * from './issue-clock';
export * from './issue-rules';
export * from './issue-commands';
