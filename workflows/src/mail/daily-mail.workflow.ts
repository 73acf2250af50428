import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { MailActivities } from '@dondoc/activities';
import { addDays, vnDateOf, vnInstant, WorkingCalendar } from '@dondoc/calendar';
import { workflowClock } from '../clock';

export const DAILY_MAIL_WORKFLOW_ID = 'mail:daily';

export interface DailyMailInput {
  /** Minutes after midnight (Vietnam) the send window opens: 480 = 08:00. */
  opensAtMinute: number;
  /** Simulation only: see workflows/src/clock.ts. */
  clockOffsetMs?: number;
  /** Simulation only: no run after this instant (the end of the simulated term). */
  endsAt?: string;
}

const { runDailyMail } = proxyActivities<MailActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** About three months of working days per run keeps each history a few hundred events long. */
const RUNS_PER_HISTORY = 60;

/** The next opening of the send window on a working day, strictly after `now`. */
export function nextWindowOpening(now: string, opensAtMinute: number, cal: WorkingCalendar): string {
  for (let day = vnDateOf(now); ; day = addDays(day, 1)) {
    const at = vnInstant(day, 0, opensAtMinute);
    if (at > now && cal.isWorkingDay(day)) return at;
  }
}

/**
 * `mail:daily`, one per deployment: when the send window opens on each working day, send what waited
 * for it (mail that arose at night or on a holiday) and each digest contact's daily digest.
 */
export async function dailyMailWorkflow(input: DailyMailInput): Promise<void> {
  const clock = workflowClock(input.clockOffsetMs);
  const cal = new WorkingCalendar();
  for (let runs = 0; runs < RUNS_PER_HISTORY; runs++) {
    const at = nextWindowOpening(clock.nowIso(), input.opensAtMinute, cal);
    if (input.endsAt && at >= input.endsAt) return;
    await sleep(clock.msUntil(at));
    await runDailyMail({ at, date: vnDateOf(at) });
  }
  await continueAsNew<typeof dailyMailWorkflow>(input);
}
