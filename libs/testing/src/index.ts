export * from './test-database';
export * from './temporal-env';
export * from './org-fixtures';
export * from './worker-harness';
export * from './dev-stack';
export * from './province-generator';
export * from './plan-fixtures';
export * from './history-recorder';
