import { DataSource } from 'typeorm';
import { Bucket, bucketOf, DeliverableStatus } from '@dondoc/domain';

/** One line of the event stream (README "Whole-term simulation"). */
export interface SimEventLine {
  at: string;
  type: string;
  obligation: string;
  unit: string;
  period: string;
  /** Recipients of the step's mail (outbox rows), sorted; [] for events that mail no one. */
  to: string[];
}

/** One line per deliverable after the stream: where it stands at the end of --until. */
export interface SimFinalLine {
  type: 'final';
  obligation: string;
  unit: string;
  period: string;
  status: DeliverableStatus;
  bucket: Bucket;
}

interface EventRow {
  at: Date;
  type: string;
  version: number;
  workflow_id: string;
  step: string | null;
  obligation_id: string;
  unit_id: string;
  period: string;
}

/**
 * The minute of a simulated instant. The test server's clock runs at real speed while the work of one
 * instant is processed, so seconds and milliseconds only say how busy the machine was; every step
 * of the engine happens on a whole minute (07:00 openings, 08:00 reminders, 09:00 behaviour).
 */
export function simulatedMinute(d: Date | string): string {
  const ms = new Date(d).getTime();
  return new Date(ms - (ms % 60_000)).toISOString();
}

// Code-unit order: ids are ASCII and the result must not depend on the machine's locale.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Reads the simulated term back from the read model: every transition before `endAt`, with the
 * recipients from the outbox, sorted by time, then obligation, unit, period and event version.
 */
export async function collectEvents(ds: DataSource, planId: string, endAt: string): Promise<SimEventLine[]> {
  const rows: EventRow[] = await ds.query(
    `SELECT e.at, e.type, e.version, e.workflow_id, e.step, d.obligation_id, d.unit_id, d.period
       FROM deliverable_events e JOIN deliverables d ON d.id = e.deliverable_id
      WHERE d.plan_id = $1 AND e.at < $2`,
    [planId, endAt],
  );
  const outbox: { workflow_id: string; step: string; recipients: string[] }[] = await ds.query(
    `SELECT workflow_id, step, array_agg(DISTINCT recipient ORDER BY recipient) AS recipients
       FROM outbox GROUP BY workflow_id, step`,
  );
  const to = new Map(outbox.map((o) => [`${o.workflow_id} ${o.step}`, o.recipients]));
  // The plan's weekly digest urges each long-overdue deliverable: an escalation of that deliverable,
  // told to the addresses whose digest named it. It comes after the deliverable's own events of the minute.
  const urgings: (EventRow & { recipients: string[] })[] = await ds.query(
    `SELECT u.at, 'escalation' AS type, 2147483647 AS version, u.workflow_id, u.step,
            d.obligation_id, d.unit_id, d.period, u.recipients
       FROM deliverable_urgings u JOIN deliverables d ON d.id = u.deliverable_id
      WHERE u.plan_id = $1 AND u.at < $2`,
    [planId, endAt],
  );
  const sorted = [...rows, ...urgings]
    .map((r) => ({ r, at: simulatedMinute(r.at) }))
    .sort(
      (a, b) =>
        cmp(a.at, b.at) ||
        cmp(a.r.obligation_id, b.r.obligation_id) ||
        cmp(a.r.unit_id, b.r.unit_id) ||
        cmp(a.r.period, b.r.period) ||
        a.r.version - b.r.version,
    );
  return sorted.map(({ r, at }) => ({
    at,
    type: r.type,
    obligation: r.obligation_id,
    unit: r.unit_id,
    period: r.period,
    to:
      'recipients' in r
        ? [...(r.recipients as string[])].sort()
        : r.step
          ? (to.get(`${r.workflow_id} ${r.step}`) ?? [])
          : [],
  }));
}

/** Every deliverable the plan opened, with its status and reporting bucket at `endAt`. */
export async function collectFinals(ds: DataSource, planId: string, endAt: string): Promise<SimFinalLine[]> {
  const rows: {
    obligation_id: string;
    unit_id: string;
    period: string;
    status: DeliverableStatus;
    deadline_at: Date;
    submitted_at: Date | null;
  }[] = await ds.query(
    `SELECT obligation_id, unit_id, period, status, deadline_at, submitted_at FROM deliverables WHERE plan_id = $1`,
    [planId],
  );
  return rows
    .sort(
      (a, b) => cmp(a.obligation_id, b.obligation_id) || cmp(a.unit_id, b.unit_id) || cmp(a.period, b.period),
    )
    .map((r) => ({
      type: 'final',
      obligation: r.obligation_id,
      unit: r.unit_id,
      period: r.period,
      status: r.status,
      bucket: bucketOf({
        status: r.status,
        deadlineAt: new Date(r.deadline_at).toISOString(),
        submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
        now: endAt,
      }),
    }));
}
