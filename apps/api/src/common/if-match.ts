import { DomainException } from '@dondoc/domain';

/** The ETag of a versioned resource: its version as a strong entity tag. */
export const etagOf = (version: number): string => `"${version}"`;

/**
 * The version an `If-Match` header asks for: `"7"` (also `W/"7"` or a bare 7). Absent or `*` means
 * "whatever it is now" (undefined). Anything else is refused naming the header, not ignored.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  const value = header?.trim();
  if (!value || value === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(value);
  if (!m)
    throw DomainException.validation([
      { field: 'If-Match', reason: 'must be the ETag of the resource as read, e.g. "7"' },
    ]);
  return Number(m[1]);
}
