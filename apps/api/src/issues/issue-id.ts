import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A short, ULID-like issue id: `VD` (vấn đề) + 8 characters of time (ms, base 32, sortable) + 6
 * random ones, e.g. `VD1JB7Z0K3QF4T9A`. Safe in workflow ids, URLs and mail subjects.
 */
export function newIssueId(now = Date.now()): string {
  let time = '';
  for (let t = now, i = 0; i < 8; i++, t = Math.floor(t / 32)) time = CROCKFORD[t % 32] + time;
  const random = [...randomBytes(6)].map((b) => CROCKFORD[b % 32]).join('');
  return `VD${time}${random}`;
}
