export type { DeliverableIcsOptions, IcsMethod } from './deliverable-ics';
export { deliverableIcs, icsUidFor, ICS_FILENAME } from './deliverable-ics';
export { escapeIcsText, foldIcsLine } from './ics-text.util';
