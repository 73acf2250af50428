// Sandbox-safe part of the plan model: types, rules and the pure expansion. The parser and
// validator (yaml, ajv) are Node-only: import '@dondoc/domain/src/plan/plan-validate'.
export * from './plan.types';
export * from './plan-problems';
export * from './plan-rules';
export * from './plan-semantics';
export * from './plan-periods';
export * from './plan-org-index';
export * from './plan-assignees';
export * from './plan-org-check';
export * from './scheduled-deliverable';
export * from './plan-schedule';
export * from './plan-preview-csv';
