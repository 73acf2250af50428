import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with node's built-in scrypt. The stored string describes itself,
 * `scrypt$N$r$p$<salt base64url>$<key base64url>`, so the cost can be raised later and old hashes
 * still verify.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  saltBytes: number;
  keyBytes: number;
}

export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 };

export const PASSWORD_MIN_LENGTH = 10;
/** Longer input is refused before hashing, so nobody can make the server hash megabytes. */
export const PASSWORD_MAX_LENGTH = 256;

/** scrypt needs 128·N·r bytes; node's default ceiling (32 MiB) is exactly that for N=2^15, r=8, so raise it. */
const maxmemFor = (N: number, r: number) => 128 * N * r * 2;

function derive(password: string, salt: Buffer, keyBytes: number, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyBytes, o, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const { N, r, p } = params;
  const salt = randomBytes(params.saltBytes);
  const key = await derive(password, salt, params.keyBytes, { N, r, p, maxmem: maxmemFor(N, r) });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `password` matches `encoded`; false (never a throw) for a malformed or foreign hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (![N, r, p].every(Number.isInteger) || expected.length < 16 || expected.length > 64) return false;
  if (N > 2 ** 20 || r > 32 || p > 16) return false;
  const actual = await derive(password, salt, expected.length, { N, r, p, maxmem: maxmemFor(N, r) });
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;
/**
 * A hash of nothing anyone knows: verified against when the username is unknown, so a wrong username
 * costs the same scrypt work as a wrong password and the answer time tells nothing.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}

/** Usernames compare case-insensitively: stored trimmed, NFC-normalised and lower-cased. */
export function normalizeUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

export const USERNAME_PATTERN = /^[\p{L}\p{N}._@-]{3,64}$/u;

/** The reasons a password is refused (empty when it is acceptable). */
export function passwordProblems(password: string, username: string): string[] {
  const length = [...password.normalize('NFC')].length;
  const problems: string[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  if (normalizeUsername(password) === normalizeUsername(username)) problems.push('must not be the username');
  return problems;
}
