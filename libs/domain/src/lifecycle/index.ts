export * from './deliverable-terms';
export * from './deliverable-timeline';
export * from './status-bucket';
