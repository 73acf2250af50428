import { isIsoDate, IsoDate } from '@dondoc/calendar';
import {
  InputProblem,
  InputRejectedException,
  ISSUE_SEVERITIES,
  IssueSeverity,
  MAX_DIRECTION_UNITS,
  OrgTree,
} from '@dondoc/domain';

/**
 * One reported issue of a behaviour file (README "Whole-term simulation"), snake_case as the file
 * writes it. Every date is a day in Vietnam; each step happens at 09:00 that day.
 */
export interface IssueBehaviour {
  issue: { reported_by: string; on: IsoDate; severity?: IssueSeverity; title?: string };
  /**
   * BTG acknowledges and assigns itself as handler. Default: the report day when a later step needs
   * it, except for an urgent issue escalated without one (it goes straight to BTV).
   */
  ack_on?: IsoDate;
  escalate_on?: IsoDate;
  /** BTV's direction (default on escalate_on): opens one deliverable per unit, due on `due`. */
  direction?: { units: string[]; due?: IsoDate; on?: IsoDate; instructions?: string };
  /**
   * Without a direction naming units: BTG resolves the issue. With one: the directed units submit
   * their deliverables and BTG accepts them, so the issue resolves itself.
   */
  resolve_on?: IsoDate;
  /** BTG closes the resolved issue (unless the reporter's close limit closed it already). */
  close_on?: IsoDate;
}

export type IssueStepKind =
  'report' | 'acknowledge' | 'escalate' | 'direct' | 'resolve' | 'complete' | 'close';

/** One step of an issue entry: what happens on which day, and the field of the file that asked for it. */
export interface IssueTimelineStep {
  on: IsoDate;
  kind: IssueStepKind;
  field: string;
}

/** The steps an issue entry asks for, in the order they happen (each at 09:00 of its day). */
export function issueTimeline(b: IssueBehaviour): IssueTimelineStep[] {
  const steps: IssueTimelineStep[] = [{ on: b.issue.on, kind: 'report', field: 'issue.on' }];
  const straightToBtv = b.issue.severity === 'urgent' && !!b.escalate_on && !b.ack_on;
  const ackOn = b.ack_on ?? (!straightToBtv && (b.escalate_on || b.resolve_on) ? b.issue.on : undefined);
  if (ackOn) steps.push({ on: ackOn, kind: 'acknowledge', field: 'ack_on' });
  if (b.escalate_on) steps.push({ on: b.escalate_on, kind: 'escalate', field: 'escalate_on' });
  if (b.direction) {
    const on = b.direction.on ?? b.escalate_on ?? b.issue.on;
    steps.push({ on, kind: 'direct', field: b.direction.on ? 'direction.on' : 'direction' });
  }
  if (b.resolve_on)
    steps.push({
      on: b.resolve_on,
      kind: b.direction?.units.length ? 'complete' : 'resolve',
      field: 'resolve_on',
    });
  if (b.close_on) steps.push({ on: b.close_on, kind: 'close', field: 'close_on' });
  return steps;
}

export const isIssueEntry = (e: object): e is IssueBehaviour => 'issue' in e;

const FIELDS = new Set(['issue', 'ack_on', 'escalate_on', 'direction', 'resolve_on', 'close_on']);
const ISSUE_FIELDS = new Set(['reported_by', 'on', 'severity', 'title']);
const DIRECTION_FIELDS = new Set(['units', 'due', 'on', 'instructions']);

type At = (field: string | undefined, reason: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * What can be checked of an issue entry without the plan and org: shape, field types, the order of
 * its days, and which steps may follow which (the issue lifecycle, README "Reported issues").
 */
export function checkIssueEntry(e: Record<string, unknown>, at: At): void {
  for (const k of Object.keys(e)) if (!FIELDS.has(k)) at(k, 'unknown field');
  const date = (v: unknown, field: string) => {
    if (v !== undefined && !isIsoDate(v)) at(field, 'must be a date written YYYY-MM-DD');
  };
  let shapeOk = true;
  const issue = e.issue;
  if (!isObject(issue)) {
    at('issue', 'must be an object {"reported_by", "on", "severity"?, "title"?}');
    return;
  }
  for (const k of Object.keys(issue)) if (!ISSUE_FIELDS.has(k)) at(`issue.${k}`, 'unknown field');
  if (!nonEmpty(issue.reported_by)) at('issue.reported_by', 'is required (a unit id)');
  if (!isIsoDate(issue.on)) at('issue.on', 'is required (a date YYYY-MM-DD)');
  if (issue.severity !== undefined && !ISSUE_SEVERITIES.includes(issue.severity as IssueSeverity))
    at('issue.severity', `must be one of ${ISSUE_SEVERITIES.map((s) => `"${s}"`).join(', ')}`);
  if (issue.title !== undefined && !nonEmpty(issue.title)) at('issue.title', 'must be a non-empty string');
  for (const k of ['ack_on', 'escalate_on', 'resolve_on', 'close_on']) date(e[k], k);
  const direction = e.direction;
  if (direction !== undefined) {
    if (!isObject(direction)) {
      at('direction', 'must be an object {"units", "due", "on"?, "instructions"?}');
      shapeOk = false;
    } else {
      for (const k of Object.keys(direction))
        if (!DIRECTION_FIELDS.has(k)) at(`direction.${k}`, 'unknown field');
      const units = direction.units;
      if (!Array.isArray(units) || !units.every(nonEmpty)) {
        at('direction.units', 'is required (a list of unit ids, [] for none)');
        shapeOk = false;
      } else {
        if (units.length > MAX_DIRECTION_UNITS)
          at('direction.units', `at most ${MAX_DIRECTION_UNITS} units per direction`);
        units.forEach((u, i) => {
          if (units.indexOf(u) !== i) at('direction.units', `${u as string} is named twice`);
        });
        if (units.length && direction.due === undefined)
          at('direction.due', 'is required when units are named (a date YYYY-MM-DD)');
      }
      date(direction.due, 'direction.due');
      date(direction.on, 'direction.on');
      if (direction.instructions !== undefined && !nonEmpty(direction.instructions))
        at('direction.instructions', 'must be a non-empty string');
    }
  }
  const datesOk =
    isIsoDate(issue.on) &&
    ['ack_on', 'escalate_on', 'resolve_on', 'close_on'].every((k) => e[k] === undefined || isIsoDate(e[k])) &&
    (!isObject(direction) || [direction.on, direction.due].every((d) => d === undefined || isIsoDate(d)));
  if (!shapeOk || !datesOk) return;

  // The lifecycle: which step may follow which.
  const b = e as unknown as IssueBehaviour;
  if (b.direction && !b.escalate_on)
    at('direction', 'needs escalate_on: only an issue escalated to Ban Thường vụ is given direction');
  if (b.resolve_on && b.escalate_on && !b.direction)
    at(
      'resolve_on',
      'an escalated issue is resolved only after the direction of Ban Thường vụ: add direction',
    );
  if (b.close_on && !b.resolve_on) at('close_on', 'needs resolve_on: only a resolved issue is closed');
  const steps = issueTimeline(b);
  steps.forEach((s, i) => {
    const before = steps.slice(0, i).find((p) => p.on > s.on);
    if (before) at(s.field, `${s.on} is before ${before.field} (${before.on})`);
  });
  const direct = steps.find((s) => s.kind === 'direct');
  if (direct && b.direction?.due && b.direction.due <= direct.on)
    at('direction.due', `must be after the day of the direction (${direct.on})`);
}

/** An issue entry and its position in the behaviour file. */
export interface IssueEntryAt {
  index: number;
  entry: IssueBehaviour;
}

export interface IssueCheckContext {
  org: OrgTree;
  issued: IsoDate;
  until: IsoDate;
  file: string;
}

/**
 * Checks the issue entries against the org and the simulated range; answers them with their index.
 * Every problem names the file, the entry and the field (see `alongWith`).
 */
export function issueEntryProblems(
  items: object[],
  ctx: IssueCheckContext,
): { issues: IssueEntryAt[]; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const issues: IssueEntryAt[] = [];
  const units = new Set(ctx.org.units.map((u) => u.id));
  const hasType = (type: string) => ctx.org.units.some((u) => u.type === type);
  items.forEach((item, index) => {
    if (!isIssueEntry(item)) return;
    const at = (field: string | undefined, reason: string) =>
      problems.push({ file: ctx.file, location: `[${index}]`, ...(field ? { field } : {}), reason });
    issues.push({ index, entry: item });
    if (!hasType('ban-tuyen-giao'))
      at(undefined, 'the org file has no unit of type ban-tuyen-giao (Ban Tuyên giáo), who receives issues');
    if (!hasType('ban-thuong-vu'))
      at(undefined, 'the org file has no unit of type ban-thuong-vu (Ban Thường vụ), who directs on issues');
    if (!units.has(item.issue.reported_by))
      at('issue.reported_by', `no unit "${item.issue.reported_by}" in the org file`);
    for (const u of item.direction?.units ?? [])
      if (!units.has(u)) at('direction.units', `no unit "${u}" in the org file`);
    for (const s of issueTimeline(item)) {
      if (s.on < ctx.issued) at(s.field, `${s.on} is before --issued ${ctx.issued}`);
      else if (s.on > ctx.until) at(s.field, `${s.on} is after --until ${ctx.until}`);
    }
  });
  return { issues, problems };
}

const entryIndex = (p: InputProblem) => Number(/^\[(\d+)\]$/.exec(p.location)?.[1] ?? -1);

/**
 * Runs a check that throws InputRejectedException (the deliverable entries') and reports its problems
 * together with `problems`, by entry, so that a bad file is refused once with everything wrong in it.
 */
export function alongWith<T>(problems: InputProblem[], check: () => T): T {
  let result: T;
  try {
    result = check();
  } catch (e) {
    if (!(e instanceof InputRejectedException) || !problems.length) throw e;
    problems = [...e.inputProblems, ...problems];
  }
  if (problems.length)
    throw new InputRejectedException(
      problems
        .map((p, i) => ({ p, i }))
        .sort((a, b) => entryIndex(a.p) - entryIndex(b.p) || a.i - b.i)
        .map((x) => x.p),
    );
  return result!;
}
