import { forEachPooled } from '@dondoc/activities';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { WorkingCalendar } from '@dondoc/calendar';
import { DEFAULT_ESCALATION, deliverableWorkflowId, reminderSchedule } from '@dondoc/domain';
import type { DeliverableInput } from '@dondoc/workflows/src/deliverable/deliverable.types';
import { startDeliverableWorkflow } from '../activities/src/deliverable/start-deliverable';
import { sleep } from '../infra/dev/wait-for';

/**
 * N deliverable workflows whose one reminder falls due at the same real instant T0: what the
 * reminder-wave and memory scenarios both need. Each is started as the plan activities start them
 * (startDeliverableWorkflow), owed by a unit of the imported province, with the same due date and the
 * same clock offset (workflows/src/clock.ts) chosen so that the reminder's 08:00 lands at T0.
 */
export const WAVE_PLAN = 'bench-wave';
/** A Wednesday; its one reminder (1 working day before) is Tuesday 14/09/2021 08:00 Vietnam time. */
const WAVE_DUE = '2021-09-15';
/**
 * The calibration's due date, a year later: its staged reminders (a month away on its own clock) must
 * not share the wave's simulated instant, or the wave's dispatcher would send them too (the outbox
 * knows instants, not clocks; in production there is one clock).
 */
const CALIBRATION_DUE = '2022-09-15';
const WAVE_OFFSETS = [1];
export const WAVE_REMINDER_AT = Date.parse(
  reminderSchedule(WAVE_DUE, WAVE_OFFSETS, new WorkingCalendar())[0].at,
);

/** N at a scale: `BENCH_REMINDERS` (default 10,000) times the scale, at least 100. */
export function waveSize(scale: number): number {
  return Math.max(100, Math.round(Number(process.env.BENCH_REMINDERS ?? 10_000) * scale));
}

/**
 * Units with exactly one contact, who takes mail one by one (not in the daily digest): one reminder
 * is then exactly one mail. The generated province gives every unit one head, a fifth of them digest.
 */
export async function mailableUnits(ds: DataSource): Promise<string[]> {
  const rows = await ds.query<{ id: string }[]>(
    `SELECT u.id FROM units u JOIN contacts c ON c.unit_id = u.id
      GROUP BY u.id HAVING count(*) = 1 AND NOT bool_or(c.digest) ORDER BY u.id`,
  );
  return rows.map((r) => r.id);
}

/**
 * How long before its reminder a wave deliverable prepares the mail (MAIL_STAGE_LEAD_MINUTES in
 * production, BENCH_STAGE_LEAD_S here; 0: off). The default exceeds the time to T0, so each stages
 * as soon as it starts and the staging counts in the start rate the calibration measures.
 */
export const waveStageLeadMs = () => Number(process.env.BENCH_STAGE_LEAD_S ?? 3600) * 1000;

/** The i-th deliverable: units round-robin; a unit owing more than one gets another obligation per round. */
function waveInput(
  units: string[],
  i: number,
  obligation: string,
  clockOffsetMs: number,
  stageLeadMs: number,
): DeliverableInput {
  return {
    key: {
      planId: WAVE_PLAN,
      obligationId: `${obligation}-${Math.floor(i / units.length)}`,
      unitId: units[i % units.length],
      period: '2021',
    },
    planNumber: 'BENCH/TU',
    planTitle: 'Kế hoạch đo tải',
    title: 'Báo cáo đo tải',
    terms: {
      dueDate: obligation === 'calibration' ? CALIBRATION_DUE : WAVE_DUE,
      reminderOffsets: WAVE_OFFSETS,
      reminderDayKind: 'working',
      escalation: DEFAULT_ESCALATION,
    },
    requiredContents: [],
    collectorUnitId: 'BTG-TU',
    clockOffsetMs,
    ...(stageLeadMs > 0 ? { stageLeadMs } : {}),
  };
}

/** Starts inputs 0..count-1, `concurrency` at a time; fails on a duplicate id. */
async function startRange(
  client: Client,
  taskQueue: string,
  count: number,
  input: (i: number) => DeliverableInput,
  concurrency: number,
): Promise<string[]> {
  const ids: string[] = [];
  await forEachPooled(count, concurrency, async (i) => {
    const d = input(i);
    if (!(await startDeliverableWorkflow(client, taskQueue, d)))
      throw new Error(`${deliverableWorkflowId(d.key)} already exists`);
    ids.push(deliverableWorkflowId(d.key));
  });
  return ids;
}

export interface Wave {
  /** Epoch ms at which every wave reminder is due. */
  t0: number;
  workflowIds: string[];
  /** Calibration workflows: started first to measure the start rate, their reminder a month away. */
  calibration: number;
  calibrationPerSecond: number;
  /** Seconds to start the N wave workflows; and how long before T0 they were all started. */
  startSeconds: number;
  startsDoneBeforeT0Seconds: number;
  /** Seconds from T0 at which every wave workflow had run its first task (negative: before T0, as required). */
  firstTasksDoneAfterT0Seconds: number;
}

/**
 * Starts the wave. The clock offset is part of each workflow's input, so T0 must be fixed before the
 * first start: a calibration batch (5 %, at least 50, reminders a month away so they stay asleep)
 * measures the rate of starts and first tasks on this machine under this load, and T0 = now + N ÷ rate
 * × safety + margin. Fails if a wave workflow had not run its first task by T0 (it would skip the reminder).
 */
/** How many times the measured start pace a wave allows itself before its due instant (BENCH_WAVE_SAFETY). */
export const waveSafety = () => Number(process.env.BENCH_WAVE_SAFETY ?? 3);

export async function startReminderWave(
  client: Client,
  ds: DataSource,
  o: { n: number; taskQueue: string; log: (m: string) => void; concurrency?: number },
): Promise<Wave> {
  const concurrency = o.concurrency ?? Number(process.env.BENCH_START_CONCURRENCY ?? 20);
  const safety = waveSafety();
  const marginMs = Number(process.env.BENCH_WAVE_MARGIN_S ?? 20) * 1000;
  const units = await mailableUnits(ds);
  if (!units.length) throw new Error('no unit with a single non-digest contact: import a province first');

  // A workflow records itself in the read model in its first task (and, staging, its reminder in the
  // outbox in its second): when all those rows are there, a batch is started and asleep. The rate
  // counts all of it, since all must be done before T0.
  const lead = waveStageLeadMs();
  const ready = async (obligation: string) =>
    (
      await ds.query<{ opened: number; staged: number }[]>(
        `SELECT (SELECT count(*)::int FROM deliverables WHERE plan_id = $1 AND obligation_id LIKE $2) AS opened,
                (SELECT count(*)::int FROM outbox o JOIN deliverables d ON d.id = o.deliverable_id
                  WHERE d.plan_id = $1 AND d.obligation_id LIKE $2 AND o.staged_version IS NOT NULL) AS staged`,
        [WAVE_PLAN, `${obligation}-%`],
      )
    )[0];
  const allOpened = async (obligation: string, count: number) => {
    for (;;) {
      const r = await ready(obligation);
      if (r.opened >= count && (lead === 0 || r.staged >= count)) return;
      await sleep(250);
    }
  };

  const calibration = Math.max(50, Math.round(o.n * 0.05));
  const farOffset = Date.now() - (WAVE_REMINDER_AT - 30 * 86_400_000);
  // Calibration reminders are ~13 months away (CALIBRATION_DUE): they stage at once only with a longer lead.
  const calibrationLead = lead > 0 ? 400 * 86_400_000 : 0;
  let t = performance.now();
  await startRange(
    client,
    o.taskQueue,
    calibration,
    (i) => waveInput(units, i, 'calibration', farOffset, calibrationLead),
    concurrency,
  );
  await allOpened('calibration', calibration);
  const calibrationPerSecond = calibration / ((performance.now() - t) / 1000);
  const t0 = Date.now() + Math.round((o.n / calibrationPerSecond) * 1000 * safety) + marginMs;
  o.log(
    `wave: ${calibration} calibration workflows started and opened at ${calibrationPerSecond.toFixed(1)}/s; ` +
      `${o.n} reminders due in ${((t0 - Date.now()) / 1000).toFixed(0)} s over ${units.length} units`,
  );

  const offset = t0 - WAVE_REMINDER_AT;
  t = performance.now();
  const workflowIds = await startRange(
    client,
    o.taskQueue,
    o.n,
    (i) => waveInput(units, i, 'wave', offset, lead),
    concurrency,
  );
  const startSeconds = (performance.now() - t) / 1000;
  const startsDoneBeforeT0Seconds = (t0 - Date.now()) / 1000;
  o.log(
    `wave: ${o.n} started in ${startSeconds.toFixed(1)} s, ${startsDoneBeforeT0Seconds.toFixed(1)} s before T0`,
  );
  await allOpened('wave', o.n);
  const firstTasksDoneAfterT0Seconds = (Date.now() - t0) / 1000;
  // A workflow whose first task runs after its reminder instant counts that reminder as history
  // (steps before the due date was set are not owed): the wave would be short, so say so plainly.
  if (firstTasksDoneAfterT0Seconds >= 0)
    throw new Error(
      `the wave's workflows were not all started and asleep by its due instant ` +
        `(${firstTasksDoneAfterT0Seconds.toFixed(1)} s late): raise BENCH_WAVE_SAFETY or BENCH_WAVE_MARGIN_S`,
    );
  o.log(`wave: every first task done ${(-firstTasksDoneAfterT0Seconds).toFixed(1)} s before T0`);
  return {
    t0,
    workflowIds,
    calibration,
    calibrationPerSecond,
    startSeconds,
    startsDoneBeforeT0Seconds,
    firstTasksDoneAfterT0Seconds,
  };
}
