import { SETTINGS } from '@dondoc/config';

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
  // The same rule libs/config validates at boot, so the two can never disagree.
  try {
    return { maxBytes: SETTINGS.DOCUMENT_MAX_BYTES.parse(raw) };
  } catch (e) {
    throw new Error(`DOCUMENT_MAX_BYTES: ${(e as Error).message}, got "${raw}"`, { cause: e });
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} kB`;
  return `${n} bytes`;
}
