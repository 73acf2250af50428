// Node-only: reads notice files. Not exported from index.ts, which workflow code imports in a
// sandbox without fs. Import it as '@dondoc/calendar/src/notice-loader'.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import noticeSchema from '../../../plans/calendar/notice.schema.json';
import { CalendarNotice } from './calendar-notice';
import { NoticeProblem, noticeProblems } from './notice-problems';
import { WorkingCalendar } from './working-calendar';

/** The shipped notices folder, found from this file so the answer does not depend on the cwd. */
export const DEFAULT_NOTICES_DIR = path.resolve(__dirname, '../../../plans/calendar/notices');

const NOTICE_FILE = /^(\d{4})\.json$/;

/** A notice file that cannot be used: which file, where in it (JSON Pointer) and why. */
export class NoticeValidationError extends Error {
  readonly code = 'validation';
  readonly path: string;
  readonly reason: string;

  constructor(
    readonly file: string,
    readonly problems: readonly NoticeProblem[],
  ) {
    const lines = problems.map((p) => `${file}: ${p.path || '/'}: ${p.reason}`);
    super(lines.length === 1 ? lines[0] : `${file}: ${problems.length} problems\n  ${lines.join('\n  ')}`);
    this.name = 'NoticeValidationError';
    this.path = problems[0]?.path ?? '';
    this.reason = problems[0]?.reason ?? '';
  }
}

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const validateSchema = ajv.compile<CalendarNotice>(noticeSchema);

function schemaProblem(error: ErrorObject): NoticeProblem {
  const params = error.params as { additionalProperty?: string; missingProperty?: string };
  const child = params.additionalProperty ?? params.missingProperty;
  const reason = params.additionalProperty ? `unknown property "${child}"` : (error.message ?? error.keyword);
  return { path: child ? `${error.instancePath}/${child}` : error.instancePath, reason };
}

/** Parses and validates one notice file's text; `file` only names it in errors. */
export function parseNotice(file: string, text: string): CalendarNotice {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new NoticeValidationError(file, [{ path: '', reason: `invalid JSON: ${(e as Error).message}` }]);
  }
  if (!validateSchema(data))
    throw new NoticeValidationError(file, (validateSchema.errors ?? []).map(schemaProblem));
  const problems = noticeProblems(data);
  const fileYear = NOTICE_FILE.exec(path.basename(file))?.[1];
  if (fileYear !== undefined && Number(fileYear) !== data.year)
    problems.unshift({ path: '/year', reason: `is ${data.year} but the file is named for ${fileYear}` });
  if (problems.length > 0) throw new NoticeValidationError(file, problems);
  return data;
}

/** Reads and validates every `<year>.json` in `dir`, in year order. */
export function loadNotices(dir: string = DEFAULT_NOTICES_DIR): CalendarNotice[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (e) {
    throw new NoticeValidationError(dir, [
      { path: '', reason: `cannot read folder: ${(e as Error).message}` },
    ]);
  }
  // A stray JSON file would be silently ignored by a lenient loader and its days lost: refuse it.
  const jsonNames = names.filter((n) => n.endsWith('.json')).sort();
  return jsonNames.map((name) => {
    const file = path.join(dir, name);
    if (!NOTICE_FILE.test(name))
      throw new NoticeValidationError(file, [{ path: '', reason: 'notice files must be named <year>.json' }]);
    return parseNotice(file, fs.readFileSync(file, 'utf8'));
  });
}

/** A calendar with the notices currently in `dir`, so an admin's edit needs no deploy. */
export function loadWorkingCalendar(dir: string = DEFAULT_NOTICES_DIR): WorkingCalendar {
  return new WorkingCalendar({ notices: loadNotices(dir) });
}
