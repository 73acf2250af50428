import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `n` in Crockford base 32, the last `width` digits (zero-padded). */
export function crockford32(n: number, width: number): string {
  let s = '';
  for (let t = n, i = 0; i < width; i++, t = Math.floor(t / 32)) s = CROCKFORD[t % 32] + s;
  return s;
}

/**
 * A short, ULID-like issue id: `VD` (vấn đề) + 8 characters of time (ms, base 32, sortable) + 6
 * random ones, e.g. `VD1JB7Z0K3QF4T9A`. Safe in workflow ids, URLs and mail subjects. A simulation
 * passes its own `tail` (6 Crockford characters) so that the same behaviour file gives the same ids.
 */
export function newIssueId(now = Date.now(), tail?: string): string {
  const random = tail ?? [...randomBytes(6)].map((b) => CROCKFORD[b % 32]).join('');
  return `VD${crockford32(now, 8)}${random}`;
}
