import { DataSource } from 'typeorm';
import { issueOutcome, IssueOutcome, IssueSeverity, IssueState } from '@dondoc/domain';
import { simulatedMinute, SimEventLine, SimFinalLine } from './simulation-output';

/** One event of a reported issue in the stream (README "Whole-term simulation"). */
export interface SimIssueEventLine {
  at: string;
  /** `issue-` + the issue's event type: issue-reported, issue-acknowledged, issue-limit-reminder, … */
  type: string;
  issue: string;
  reported_by: string;
  /** The issue's state after the event. */
  state: IssueState;
  /** The unit that acted (BTG, BTV, the reporter, or the directed unit whose deliverable closed). */
  by?: string;
  /** Limit events: which limit was missed (acknowledge, handle, direction, answer, close). */
  limit?: string;
  /** issue-directed: the units that must act, and their due date. */
  units?: string[];
  due?: string;
  /** Recipients of the step's mail (outbox rows), sorted. */
  to: string[];
}

/** One line per reported issue after the deliverables' final lines. */
export interface SimIssueFinalLine {
  type: 'final-issue';
  issue: string;
  reported_by: string;
  severity: IssueSeverity;
  state: IssueState;
  /** As in BTG's periodic summary (`GET /issues/summary`), at the end of --until. */
  outcome: IssueOutcome;
}

interface IssueEventRow {
  at: Date;
  type: string;
  state: IssueState;
  version: number;
  workflow_id: string;
  issue_id: string;
  step: string | null;
  actor_unit_id: string | null;
  detail: Record<string, unknown> | null;
  reporter_unit_id: string;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every event of the plan's reported issues before `endAt`, with the recipients of its mail, sorted
 * by time, then issue and event version. The outbox step of an event is its timed step's id, or
 * `v<version>-<type>` (workflows/src/issue/issue-state.ts).
 */
export async function collectIssueEvents(
  ds: DataSource,
  planId: string,
  endAt: string,
): Promise<SimIssueEventLine[]> {
  const rows: IssueEventRow[] = await ds.query(
    `SELECT e.at, e.type, e.state, e.version, e.workflow_id, e.issue_id, e.step, e.actor_unit_id, e.detail,
            i.reporter_unit_id
       FROM reported_issue_events e JOIN reported_issues i ON i.id = e.issue_id
      WHERE i.plan_id = $1 AND e.at < $2`,
    [planId, endAt],
  );
  const outbox: { workflow_id: string; step: string; recipients: string[] }[] = await ds.query(
    `SELECT workflow_id, step, array_agg(DISTINCT recipient ORDER BY recipient) AS recipients
       FROM outbox WHERE workflow_id LIKE 'issue:%' GROUP BY workflow_id, step`,
  );
  const to = new Map(outbox.map((o) => [`${o.workflow_id} ${o.step}`, o.recipients]));
  return rows
    .map((r) => ({ r, at: simulatedMinute(r.at) }))
    .sort((a, b) => cmp(a.at, b.at) || cmp(a.r.issue_id, b.r.issue_id) || a.r.version - b.r.version)
    .map(({ r, at }) => {
      const d = r.detail ?? {};
      const step = r.step ?? `v${r.version}-${r.type}`;
      return {
        at,
        type: `issue-${r.type}`,
        issue: r.issue_id,
        reported_by: r.reporter_unit_id,
        state: r.state,
        ...(r.actor_unit_id ? { by: r.actor_unit_id } : {}),
        ...(typeof d.limit === 'string' ? { limit: d.limit } : {}),
        ...(Array.isArray(d.units) ? { units: d.units as string[] } : {}),
        ...(typeof d.dueDate === 'string' ? { due: d.dueDate } : {}),
        to: to.get(`${r.workflow_id} ${step}`) ?? [],
      };
    });
}

/** Every reported issue of the plan, with its state and outcome at `endAt`, in id order. */
export async function collectIssueFinals(
  ds: DataSource,
  planId: string,
  endAt: string,
): Promise<SimIssueFinalLine[]> {
  const rows: {
    id: string;
    reporter_unit_id: string;
    severity: IssueSeverity;
    state: IssueState;
    directed: boolean;
    overdue: boolean;
  }[] = await ds.query(
    `SELECT id, reporter_unit_id, severity, state,
            jsonb_path_exists(directions, '$[*].deliverables[*]') AS directed,
            (limit_at IS NOT NULL AND limit_at < $2) AS overdue
       FROM reported_issues WHERE plan_id = $1`,
    [planId, endAt],
  );
  return rows
    .sort((a, b) => cmp(a.id, b.id))
    .map((r) => ({
      type: 'final-issue',
      issue: r.id,
      reported_by: r.reporter_unit_id,
      severity: r.severity,
      state: r.state,
      outcome: issueOutcome({ state: r.state, directed: r.directed, overdue: r.overdue }),
    }));
}

/**
 * The stream as `simulate` prints it: deliverable and issue events merged by time (at the same minute
 * the deliverables' first, as the driver carries out deliverable behaviour before issue steps), then
 * the deliverables' final lines, then the issues'.
 */
export function simulationLines(r: {
  events: SimEventLine[];
  finals: SimFinalLine[];
  issueEvents: SimIssueEventLine[];
  issueFinals: SimIssueFinalLine[];
}): (SimEventLine | SimIssueEventLine | SimFinalLine | SimIssueFinalLine)[] {
  const events: (SimEventLine | SimIssueEventLine)[] = [];
  let i = 0;
  for (const d of r.events) {
    while (i < r.issueEvents.length && r.issueEvents[i].at < d.at) events.push(r.issueEvents[i++]);
    events.push(d);
  }
  events.push(...r.issueEvents.slice(i));
  return [...events, ...r.finals, ...r.issueFinals];
}
