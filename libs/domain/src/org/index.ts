export * from './unit-type';
export * from './org.types';
export * from './org-hierarchy';
export * from './org-json';
export * from './org-queries';
export { ORG_ID_PATTERN } from './org-fields';
export type { OrgParseOptions } from './org-rules';
// org-csv is not exported here: it needs Node's Buffer. Import '@dondoc/domain/src/org/org-csv'.
