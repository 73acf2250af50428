/** Upload limits, read from the environment at boot (a bad value stops the API with a clear message). */
export interface DocumentLimits {
  maxBytes: number;
}

export const DOCUMENT_LIMITS = Symbol('DOCUMENT_LIMITS');
export const DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** `DOCUMENT_MAX_BYTES`: the largest document accepted, in bytes (default 20 MB). */
export function documentLimitsFrom(env: NodeJS.ProcessEnv = process.env): DocumentLimits {
  const raw = env.DOCUMENT_MAX_BYTES;
  if (raw === undefined || raw === '') return { maxBytes: DEFAULT_DOCUMENT_MAX_BYTES };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1024 * 1024 * 1024)
    throw new Error(`DOCUMENT_MAX_BYTES: must be a whole number of bytes between 1 and 1 GiB, got "${raw}"`);
  return { maxBytes: n };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} kB`;
  return `${n} bytes`;
}
