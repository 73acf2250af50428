import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputRejectedException } from '../input-problem';
import { PlanProblem, PlanRejectedException } from './plan-problems';
import { parsePlan } from './plan-validate';

const plansDir = path.resolve(__dirname, '../../../../plans');
const shipped = fs.readFileSync(path.join(plansDir, '22-KH-TU.yaml'), 'utf8');

/** The problems parsePlan refuses `text` with (fails the test if it accepts it). */
function problemsOf(text: string, file = 'plan.yaml'): PlanProblem[] {
  try {
    parsePlan(text, file);
  } catch (e) {
    if (e instanceof PlanRejectedException) return e.planProblems;
    throw e;
  }
  throw new Error('the plan was accepted');
}

/** The shipped plan with one text replacement, so each case is one realistic typo. */
function shippedWith(from: string | RegExp, to: string): string {
  const changed = shipped.replace(from, to);
  if (changed === shipped) throw new Error(`"${String(from)}" is not in the shipped plan`);
  return changed;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parsePlan', () => {
  it('accepts the shipped 22-KH/TU with its eleven obligations and defaults as data', () => {
    const plan = parsePlan(shipped, '22-KH-TU.yaml');
    expect(plan.obligations.map((o) => o.id)).toEqual([
      'implementation-plan',
      'grassroots-plan',
      'commitment-registration',
      'thematic-session',
      'propaganda-plan',
      'inspection-supervision',
      'annual-report',
      'provincial-summary',
      'three-year-review',
      'final-review',
      'issue-report',
    ]);
    expect(plan.issueDate).toBe('2021-08-13'); // a string: YAML 1.2 core does not make Dates
    expect(plan.defaults.reminders).toEqual({ offsets: [10, 5, 3, 1, 0], dayKind: 'working' });
    expect(plan.obligations[0].requiredContents.map((c) => c.id)).toEqual([
      'decision-148',
      'pressing-issues',
      'breakthrough-content',
      'emulation-movements',
    ]);
    for (const o of plan.obligations) expect(o.clause.length).toBeGreaterThan(20);
  });

  it('reports every schema problem of the malformed example with pointer, line and reason, in file order', () => {
    const text = fs.readFileSync(path.join(plansDir, 'examples/malformed-plan.yaml'), 'utf8');
    expect(problemsOf(text)).toEqual([
      { path: '/defaults/reminders/offsets/2', line: 11, reason: 'must be ≥ 0 (got -3)' },
      { path: '/obligations/0/due/days', line: 20, reason: 'must be a whole number (got "thirty")' },
      {
        path: '/obligations/0/colour',
        line: 21,
        reason:
          'unknown field "colour" (allowed: id, title, clause, notes, assignees, collector, recurrence, due, ' +
          'reminders, escalation, requiredContents)',
      },
    ]);
  });

  it('reports the semantic problems a schema cannot see', () => {
    const text = fs.readFileSync(path.join(plansDir, 'examples/semantic-problems.yaml'), 'utf8');
    const problems = problemsOf(text);
    expect(problems.map((p) => `${p.line} ${p.path}: ${p.reason}`)).toEqual([
      '6 /issueDate: 2021-08-13 is outside the term 2021-02-01 … 2020-12-31',
      '8 /term/end: term ends (2020-12-31) before it starts (2021-02-01)',
      expect.stringMatching(
        /^16 \/obligations\/0\/assignees\/unitTypes\/1: unknown unit type "huyen-ui" \(known: tinh-uy, /,
      ),
      '19 /obligations/0/due: due rules form a cycle: report → summary → report',
      '29 /obligations/2/id: duplicate obligation id "report" (first at /obligations/0)',
      '35 /obligations/2/due/parent: unknown obligation "implementation-plan" (known: report, summary)',
    ]);
  });

  it.each([
    [
      'a missing field',
      /^ {4}clause: >-\n(.*\n){3}/m,
      '',
      '/obligations/0/clause',
      'is required',
      '  - id: implementation-plan',
    ],
    [
      'an unknown due kind',
      'kind: end-of-quarter',
      'kind: end-of-month',
      '/obligations/3/due/kind',
      'unknown kind "end-of-month"',
      'kind: end-of-month',
    ],
    [
      'an impossible date',
      'issueDate: 2021-08-13',
      'issueDate: 2021-02-30',
      '/issueDate',
      'must be a calendar date YYYY-MM-DD (got "2021-02-30")',
      'issueDate',
    ],
    [
      'a wrong recurrence',
      'recurrence: quarterly',
      'recurrence: yearly',
      '/obligations/3/recurrence',
      'is "yearly" but a end-of-quarter due rule gives "quarterly"',
      'recurrence: yearly',
    ],
    [
      'an event with a due rule',
      /recurrence: event\n/,
      'recurrence: event\n    due: { kind: end-of-quarter }\n',
      '/obligations/10/due',
      'has no due rule',
      'due: { kind: end-of-quarter }',
    ],
    [
      'a cascade without its selector',
      'kind: children-of-parent-assignees, unitTypes: [dang-bo-co-so, chi-bo-co-so]',
      'kind: unit-types, unitTypes: [dang-bo-co-so]',
      '/obligations/1/assignees/kind',
      'owed by children-of-parent-assignees',
      'unitTypes: [dang-bo-co-so] }',
    ],
    [
      'a bad notify target',
      'notify: [btg]',
      'notify: [btg, chairman]',
      '/defaults/escalation/levels/2/notify/1',
      'must be one of: head, collector, superior, btg, btv (got "chairman")',
      'chairman',
    ],
    [
      'no day 31 in April',
      'month: 4, day: 30 }',
      'month: 4, day: 31 }',
      '/obligations/4/due/day',
      '31/4 is not a date in every year',
      'month: 4, day: 31',
    ],
  ])('refuses %s with its pointer, line and reason', (_name, from, to, pointer, reason, lineText) => {
    const text = shippedWith(from, to);
    // The line of `lineText` inside the replacement when it is there, else its first line in the file.
    const at = shipped.search(typeof from === 'string' ? escape(from) : from) + to.indexOf(lineText);
    const line = to.includes(lineText) ? text.slice(0, at).split('\n').length : lineOf(text, lineText);
    const problems = problemsOf(text);
    expect(problems).toContainEqual({
      path: pointer,
      line,
      reason: expect.stringContaining(reason),
    });
  });

  it('reports YAML syntax errors with their line, and duplicate keys', () => {
    const text = 'format: dondoc-plan/1\nid: A\nid: B\nobligations: [\n';
    const problems = problemsOf(text);
    expect(problems[0]).toEqual({
      path: '',
      line: 3,
      reason: 'not valid YAML/JSON: Map keys must be unique',
    });
    expect(problems.every((p) => typeof p.line === 'number')).toBe(true);
  });

  it('takes reported-issue limits as data and refuses bad or unknown ones', () => {
    expect(parsePlan(shipped, 'p.yaml').issueLimits).toEqual({ acknowledge: 2, handle: 10, direction: 15 });
    const text = shippedWith(
      'issueLimits:\n  acknowledge: 2',
      'issueLimits:\n  acknowledge: 0\n  urgent: { handel: 3 }',
    );
    expect(problemsOf(text).map((p) => [p.path, p.line])).toEqual([
      ['/issueLimits/acknowledge', lineOf(text, 'acknowledge: 0')],
      ['/issueLimits/urgent/handel', lineOf(text, 'handel')],
    ]);
  });

  it('reads JSON too, with line numbers', () => {
    const json = JSON.stringify(parsePlan(shipped, 'x'), null, 2).replace('"days": 30', '"days": -30');
    expect(problemsOf(json, 'plan.json')).toEqual([
      { path: '/obligations/0/due/days', line: lineOf(json, '"days": -30'), reason: 'must be ≥ 0 (got -30)' },
    ]);
  });

  it('is an InputRejectedException whose reasons carry the line, for the API', () => {
    try {
      parsePlan(shippedWith('dayKind: working', 'dayKind: workday'), 'p.yaml');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(InputRejectedException);
      expect((e as InputRejectedException).inputProblems).toEqual([
        {
          file: 'p.yaml',
          location: '/defaults/reminders/dayKind',
          reason: `line ${lineOf(shipped, 'dayKind: working')}: must be one of: calendar, working (got "workday")`,
        },
      ]);
    }
  });
});
