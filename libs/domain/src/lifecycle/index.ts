export * from './deliverable-terms';
export * from './deliverable-timeline';
export * from './deliverable-commands';
export * from './status-bucket';
export * from './weekly-urging';
