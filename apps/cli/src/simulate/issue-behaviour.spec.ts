import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatInputProblem, InputRejectedException, parseOrgJson } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { parseBehaviour } from './behaviour';
import { IssueBehaviour, issueTimeline } from './issue-behaviour';
import { prepareSimulation } from './simulation-engine';

const repoRoot = path.resolve(__dirname, '../../../..');
const PLAN = path.join(repoRoot, 'plans/22-KH-TU.yaml');
const ORG = path.join(repoRoot, 'plans/org/bac-ninh-2021.json');
const EXAMPLE = path.join(repoRoot, 'plans/examples/behaviour-issues.json');
const FILE = 'b.json';

/** The lines a refusal prints (`file: [index] (field): reason`), or [] when the input is accepted. */
function problems(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (e) {
    if (e instanceof InputRejectedException) return e.inputProblems.map(formatInputProblem);
    throw e;
  }
}
const parse = (entries: unknown[]) => problems(() => parseBehaviour(JSON.stringify(entries), FILE));

const normal = {
  issue: { reported_by: 'HU-TIEN-DU', on: '2021-08-16', severity: 'normal' },
  ack_on: '2021-08-20',
  escalate_on: '2021-08-24',
  direction: { units: ['HU-TIEN-DU', 'HU-QUE-VO'], due: '2021-09-15', on: '2021-08-30' },
  resolve_on: '2021-09-10',
  close_on: '2021-09-13',
};
const deliverable = {
  obligation: 'implementation-plan',
  unit: 'HU-TIEN-DU',
  period: 'term',
  submit_on: '2021-09-01',
  review: 'accept',
};

describe('behaviour file: reported issues (parse)', () => {
  it('accepts issue entries mixed with deliverable entries, in file order', () => {
    const items = parseBehaviour(fs.readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    expect(items.map((e) => ('issue' in e ? `issue ${e.issue.reported_by}` : e.unit))).toEqual([
      'HU-TIEN-DU',
      'issue HU-TIEN-DU',
      'issue HU-GIA-BINH',
    ]);
    expect(parse([deliverable, normal, { issue: { reported_by: 'HU-QUE-VO', on: '2021-08-16' } }])).toEqual(
      [],
    );
  });

  it('refuses bad shapes and types, naming the entry and the field', () => {
    expect(
      parse([
        deliverable,
        {
          issue: { reported_by: '', on: '16/08/2021', severity: 'high', title: '', plan: 'x' },
          ack_on: 'tomorrow',
          answer_on: '2021-08-20',
        },
        { issue: 'HU-TIEN-DU' },
        {
          issue: { reported_by: 'HU-TIEN-DU', on: '2021-08-16' },
          escalate_on: '2021-08-17',
          direction: { units: ['HU-QUE-VO', 'HU-QUE-VO'], when: '2021-08-20' },
        },
        {
          issue: { reported_by: 'HU-TIEN-DU', on: '2021-08-16' },
          escalate_on: '2021-08-17',
          direction: { units: 'HU-QUE-VO', due: '2021-09-15' },
        },
      ]),
    ).toEqual([
      'b.json: [1] (answer_on): unknown field',
      'b.json: [1] (issue.plan): unknown field',
      'b.json: [1] (issue.reported_by): is required (a unit id)',
      'b.json: [1] (issue.on): is required (a date YYYY-MM-DD)',
      'b.json: [1] (issue.severity): must be one of "normal", "urgent"',
      'b.json: [1] (issue.title): must be a non-empty string',
      'b.json: [1] (ack_on): must be a date written YYYY-MM-DD',
      'b.json: [2] (issue): must be an object {"reported_by", "on", "severity"?, "title"?}',
      'b.json: [3] (direction.when): unknown field',
      'b.json: [3] (direction.units): HU-QUE-VO is named twice',
      'b.json: [3] (direction.due): is required when units are named (a date YYYY-MM-DD)',
      'b.json: [4] (direction.units): is required (a list of unit ids, [] for none)',
    ]);
  });

  it('refuses steps out of order or that the lifecycle does not allow', () => {
    const issue = { reported_by: 'HU-TIEN-DU', on: '2021-08-16' };
    expect(
      parse([
        { issue, ack_on: '2021-08-13' },
        { issue, ack_on: '2021-08-20', resolve_on: '2021-08-19' },
        { issue, direction: { units: [] } },
        { issue, escalate_on: '2021-08-20', resolve_on: '2021-08-25' },
        { issue, ack_on: '2021-08-17', close_on: '2021-08-25' },
        { issue, escalate_on: '2021-08-20', direction: { units: ['HU-QUE-VO'], due: '2021-08-20' } },
        {
          issue,
          escalate_on: '2021-08-20',
          direction: { units: ['HU-QUE-VO'], due: '2021-09-15', on: '2021-08-19' },
          resolve_on: '2021-09-10',
          close_on: '2021-09-09',
        },
      ]),
    ).toEqual([
      'b.json: [0] (ack_on): 2021-08-13 is before issue.on (2021-08-16)',
      'b.json: [1] (resolve_on): 2021-08-19 is before ack_on (2021-08-20)',
      'b.json: [2] (direction): needs escalate_on: only an issue escalated to Ban Thường vụ is given direction',
      'b.json: [3] (resolve_on): an escalated issue is resolved only after the direction of Ban Thường vụ: add direction',
      'b.json: [4] (close_on): needs resolve_on: only a resolved issue is closed',
      'b.json: [5] (direction.due): must be after the day of the direction (2021-08-20)',
      'b.json: [6] (direction.on): 2021-08-19 is before escalate_on (2021-08-20)',
      'b.json: [6] (close_on): 2021-09-09 is before resolve_on (2021-09-10)',
    ]);
  });
});

describe('behaviour file: reported issues (timeline)', () => {
  const on = '2021-09-20';
  it('an urgent issue escalated without an acknowledgement goes straight to BTV', () => {
    const b: IssueBehaviour = {
      issue: { reported_by: 'HU-GIA-BINH', on, severity: 'urgent' },
      escalate_on: on,
    };
    expect(issueTimeline(b).map((s) => s.kind)).toEqual(['report', 'escalate']);
  });

  it('a normal issue escalated without an acknowledgement is acknowledged on the report day', () => {
    const b: IssueBehaviour = { issue: { reported_by: 'HU-GIA-BINH', on }, escalate_on: '2021-09-22' };
    expect(issueTimeline(b).map((s) => [s.kind, s.on])).toEqual([
      ['report', on],
      ['acknowledge', on],
      ['escalate', '2021-09-22'],
    ]);
  });

  it('resolve_on after a direction naming units is the day the units are done; without units BTG resolves', () => {
    const withUnits = issueTimeline(normal as IssueBehaviour);
    expect(withUnits.map((s) => s.kind)).toEqual([
      'report',
      'acknowledge',
      'escalate',
      'direct',
      'complete',
      'close',
    ]);
    const none = { ...normal, direction: { units: [] } } as IssueBehaviour;
    expect(issueTimeline(none).find((s) => s.field === 'resolve_on')!.kind).toBe('resolve');
    expect(issueTimeline(none).find((s) => s.kind === 'direct')!.on).toBe(normal.escalate_on);
  });
});

describe('behaviour file: reported issues (against the org and the simulated range)', () => {
  const plan = parsePlan(fs.readFileSync(PLAN, 'utf8'), PLAN);
  const org = parseOrgJson(fs.readFileSync(ORG, 'utf8'), ORG);
  const prepare = (entries: unknown[], o: { withoutBtv?: boolean } = {}) =>
    problems(() =>
      prepareSimulation({
        plan,
        // The plan names BTV-TU as a collector: keep the unit, take away its type.
        org: o.withoutBtv
          ? {
              ...org,
              units: org.units.map((u) => (u.type === 'ban-thuong-vu' ? { ...u, type: 'tinh-uy' } : u)),
            }
          : org,
        issued: '2021-08-13',
        until: '2021-10-31',
        behaviour: parseBehaviour(JSON.stringify(entries), FILE),
        behaviourFile: FILE,
      }),
    );

  it('takes the example file, issues apart from the deliverable actions', () => {
    const sim = prepareSimulation({
      plan,
      org,
      issued: '2021-08-13',
      until: '2021-10-31',
      behaviour: parseBehaviour(fs.readFileSync(EXAMPLE, 'utf8'), EXAMPLE),
      behaviourFile: EXAMPLE,
    });
    expect(sim.actions.map((a) => [a.kind, a.index])).toEqual([['submit', 0]]);
    expect(sim.issues.map((i) => [i.index, i.entry.issue.reported_by])).toEqual([
      [1, 'HU-TIEN-DU'],
      [2, 'HU-GIA-BINH'],
    ]);
  });

  it('refuses unknown units and days outside --issued..--until, with the deliverable problems, by entry', () => {
    expect(
      prepare([
        { issue: { reported_by: 'HU-NOWHERE', on: '2021-08-12' } },
        { ...deliverable, unit: 'HU-NOWHERE' },
        {
          ...normal,
          direction: { ...normal.direction, units: ['HU-QUE-VO', 'HU-ATLANTIS'] },
          close_on: '2021-11-01',
        },
      ]),
    ).toEqual([
      'b.json: [0] (issue.reported_by): no unit "HU-NOWHERE" in the org file',
      'b.json: [0] (issue.on): 2021-08-12 is before --issued 2021-08-13',
      'b.json: [1] (unit): no unit "HU-NOWHERE" in the org file',
      'b.json: [2] (direction.units): no unit "HU-ATLANTIS" in the org file',
      'b.json: [2] (close_on): 2021-11-01 is after --until 2021-10-31',
    ]);
  });

  it('needs a Ban Thường vụ in the org for issues, and nothing of the kind without them', () => {
    expect(prepare([normal], { withoutBtv: true })).toEqual([
      'b.json: [0]: the org file has no unit of type ban-thuong-vu (Ban Thường vụ), who directs on issues',
    ]);
    expect(prepare([deliverable], { withoutBtv: true })).toEqual([]);
    expect(prepare([deliverable, normal])).toEqual([]);
  });
});
