import { isIsoDate, IsoDate } from '@dondoc/calendar';
import type { FieldLocator, ProblemList } from './org-problems';

/** Ids appear in workflow ids, URLs and file names: ASCII, no spaces, at most 80 characters. */
export const ORG_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const MAX_NAME_LENGTH = 300;
const MAX_EMAIL_LENGTH = 254;

/**
 * Reads single fields of one record and reports what is wrong with them. `undefined` means the
 * field was absent (a default applies or it is required); `null` means "explicitly none".
 * Every reader returns `undefined` when the value is unusable, after adding a problem.
 */
export class FieldReader {
  constructor(
    private readonly at: FieldLocator,
    private readonly problems: ProblemList,
  ) {}

  problem(field: string, reason: string): undefined {
    this.problems.add(this.at, field, reason);
    return undefined;
  }

  id(field: string, value: unknown): string | undefined {
    if (value === undefined || value === null || value === '') return this.problem(field, 'is required');
    if (typeof value !== 'string' || !ORG_ID_PATTERN.test(value))
      return this.problem(
        field,
        `must be 1-80 characters A-Z a-z 0-9 . _ - starting with a letter or digit, got ${show(value)}`,
      );
    return value;
  }

  optionalId(field: string, value: unknown): string | null | undefined {
    if (value === undefined || value === null || value === '') return null;
    return this.id(field, value);
  }

  /** Vietnamese text arrives both precomposed and with combining marks: store one form (NFC). */
  name(field: string, value: unknown): string | undefined {
    if (typeof value !== 'string')
      return this.problem(field, value === undefined ? 'is required' : 'must be text');
    const name = value.normalize('NFC').trim();
    if (name === '') return this.problem(field, 'must not be empty');
    if (name.length > MAX_NAME_LENGTH)
      return this.problem(field, `is longer than ${MAX_NAME_LENGTH} characters`);
    return name;
  }

  oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[], fallback?: T): T | undefined {
    if (value === undefined && fallback !== undefined) return fallback;
    if (value === undefined) return this.problem(field, `is required (one of ${allowed.join(', ')})`);
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.problem(field, `must be one of ${allowed.join(', ')}, got ${show(value)}`);
  }

  date(field: string, value: unknown): IsoDate | undefined {
    if (value === undefined || value === null || value === '') return this.problem(field, 'is required');
    if (!isIsoDate(value))
      return this.problem(field, `must be a calendar date YYYY-MM-DD, got ${show(value)}`);
    return value;
  }

  optionalDate(field: string, value: unknown): IsoDate | null | undefined {
    if (value === undefined || value === null || value === '') return null;
    return this.date(field, value);
  }

  /** validFrom ≤ validTo; validTo is inclusive, null means "still valid". */
  validity(
    value: { validFrom: unknown; validTo: unknown },
    names = { from: 'validFrom', to: 'validTo' },
  ): { validFrom?: IsoDate; validTo?: IsoDate | null } {
    const validFrom = this.date(names.from, value.validFrom);
    const validTo = this.optionalDate(names.to, value.validTo);
    if (validFrom && validTo && validFrom > validTo)
      this.problem(names.to, `${validTo} is before ${names.from} ${validFrom}`);
    return { validFrom, validTo };
  }

  email(field: string, value: unknown): string | undefined {
    if (value === undefined || value === null || value === '') return this.problem(field, 'is required');
    if (typeof value !== 'string' || value.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(value))
      return this.problem(field, `must be an e-mail address like name@example.vn, got ${show(value)}`);
    return value;
  }

  optionalEmail(field: string, value: unknown): string | null | undefined {
    if (value === undefined || value === null || value === '') return null;
    return this.email(field, value);
  }

  boolean(field: string, value: unknown, fallback: boolean): boolean | undefined {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    return this.problem(field, `must be true or false, got ${show(value)}`);
  }
}

export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
