import {
  condition,
  continueAsNew,
  defineSignal,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { MailActivities } from '@dondoc/activities';
import { vnDateOf, WorkingCalendar } from '@dondoc/calendar';
import { nextWindowOpening } from '@dondoc/domain';
import { workflowClock } from '../clock';

export const DAILY_MAIL_WORKFLOW_ID = 'mail:daily';

/** Something waits for the next opening (a deferred mail, a digested one, a submission to review). */
export const mailWaitingSignal = defineSignal('mailWaiting');

export interface DailyMailInput {
  /** Minutes after midnight (Vietnam) the send window opens: 480 = 08:00. */
  opensAtMinute: number;
  /** Simulation only: see workflows/src/clock.ts. */
  clockOffsetMs?: number;
  /** Simulation only: no run after this instant (the end of the simulated term). */
  endsAt?: string;
  /** Carried across continue-as-new: a run is owed at the next opening. */
  waiting?: boolean;
}

const { runDailyMail } = proxyActivities<MailActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '5 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** About three months of daily runs per history keeps each a few hundred events long. */
const RUNS_PER_HISTORY = 60;

/**
 * `mail:daily`, one per deployment: at the opening of the send window on a working day, sends what
 * waited for it (mail that arose at night or on a holiday) and each digest contact's daily digest.
 * It runs only on days something waits: whoever leaves mail waiting signals it (once per opening),
 * and a run that leaves work for tomorrow (a submission still awaiting review) owes the next one.
 */
export async function dailyMailWorkflow(input: DailyMailInput): Promise<void> {
  const clock = workflowClock(input.clockOffsetMs);
  const cal = new WorkingCalendar();
  // The first run after a (re)start looks at what may have waited meanwhile.
  let waiting = input.waiting ?? true;
  setHandler(mailWaitingSignal, () => void (waiting = true));
  for (let runs = 0; runs < RUNS_PER_HISTORY; runs++) {
    await condition(() => waiting);
    waiting = false;
    const at = nextWindowOpening(clock.nowIso(), input.opensAtMinute, cal);
    if (input.endsAt && at >= input.endsAt) return;
    await sleep(clock.msUntil(at));
    const { more } = await runDailyMail({ at, date: vnDateOf(at) });
    if (more) waiting = true;
  }
  await continueAsNew<typeof dailyMailWorkflow>({ ...input, waiting });
}
