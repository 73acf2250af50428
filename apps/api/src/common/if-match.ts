import { DomainException } from '@dondoc/domain';

/** The ETag of a versioned resource: its version as a strong entity tag. */
export const etagOf = (version: number): string => `"${version}"`;

/** The version an entity tag names: `"7"`, `W/"7"` or a bare 7; undefined when it names none. */
export function versionOfTag(tag: string): number | undefined {
  const m = /^\s*(?:W\/)?(?:"(\d{1,9})"|(\d{1,9}))\s*$/.exec(tag);
  return m ? Number(m[1] ?? m[2]) : undefined;
}

/**
 * The version an `If-Match` header asks for: `"7"` (also `W/"7"` or a bare 7). Absent or `*` means
 * "whatever it is now" (undefined). Anything else is refused naming the header, not ignored.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  const value = header?.trim();
  if (!value || value === '*') return undefined;
  const version = versionOfTag(value);
  if (version === undefined)
    throw DomainException.validation([
      { field: 'If-Match', reason: 'must be the ETag of the resource as read, e.g. "7"' },
    ]);
  return version;
}
