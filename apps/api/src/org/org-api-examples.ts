import { problemExample } from '../mail/problem-examples';
import { IF_MATCH_REQUIRED } from './if-match';

// OpenAPI pieces the unit and contact routes share: the ETag and If-Match headers and the problems of
// the If-Match rule, written once so both document the same rule.

/** The `ETag` response header of a versioned row. */
export const etagHeader = (what: string) => ({
  ETag: {
    description: `the ${what}’s version, to send back as If-Match`,
    schema: { type: 'string', example: '"1"' },
  },
});

/** The `If-Match` request header of PATCH and DELETE. */
export const ifMatchHeader = (what: string) => ({
  name: 'If-Match',
  required: false,
  description: `the ${what}’s version from your last read (its ETag), e.g. "3": required (or \`version\` in a PATCH body), else 428`,
  example: '"3"',
});

export const preconditionRequiredExample = (instance: string) =>
  problemExample('validation', 428, 'Precondition required', `If-Match: ${IF_MATCH_REQUIRED}`, instance, [
    { field: 'If-Match', reason: IF_MATCH_REQUIRED },
  ]);

/** 409 for a stale If-Match, with the row as it now is. */
export const staleExample = <T extends { version: number }>(instance: string, current: T) =>
  problemExample(
    'conflict',
    409,
    'Conflict',
    `changed since version ${current.version - 1}: it is now at version ${current.version}`,
    instance,
    [
      {
        field: 'If-Match',
        reason: `version ${current.version - 1} is stale; the current version is ${current.version}`,
      },
    ],
    { current },
  );

export const unitNotFoundExample = (instance: string) =>
  problemExample('notFound', 404, 'Not found', 'no unit with id "HU-KHONG-CO"', instance, [
    { field: 'id', reason: 'no such unit' },
  ]);
