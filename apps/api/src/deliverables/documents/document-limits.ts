import { readSetting } from '@dondoc/config';

/** Upload limits, read from the environment at boot (a bad value stops the API with a clear message). */
export interface DocumentLimits {
  maxBytes: number;
}

export const DOCUMENT_LIMITS = Symbol('DOCUMENT_LIMITS');
export const DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** `DOCUMENT_MAX_BYTES`: the largest document accepted, in bytes (default 20 MB). */
export function documentLimitsFrom(env: NodeJS.ProcessEnv = process.env): DocumentLimits {
  return { maxBytes: readSetting('DOCUMENT_MAX_BYTES', env) };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} kB`;
  return `${n} bytes`;
}
