import { continueAsNew, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { UrgingActivities } from '@dondoc/activities';
import { WorkingCalendar } from '@dondoc/calendar';
import { nextWeeklyUrging } from '@dondoc/domain';
import { workflowClock } from '../clock';

export interface PlanUrgingInput {
  planId: string;
  /** The end of the plan's term: no digest after it. */
  endsAt: string;
  /** Simulation only: see workflows/src/clock.ts. */
  clockOffsetMs?: number;
}

export interface PlanUrgingView {
  digests: number;
  /** Why it ended: the term is over, or the plan was cancelled or completed. */
  ended: 'term-over' | 'plan-closed';
}

const { urgeWeekly } = proxyActivities<UrgingActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** A year of weekly digests per run keeps each history a few hundred events long. */
const DIGESTS_PER_RUN = 52;

/**
 * `urging:<planId>`, started by the plan workflow: after a deliverable's escalation chain has run,
 * "weekly after that" (DOMAIN.md) is one digest per plan and week — the first working day of the
 * week at 08:00 — naming every long-overdue deliverable to its last-level bodies (BTG by default).
 * One timer and one activity per week for the whole plan, instead of one per deliverable per week.
 */
export async function planUrgingWorkflow(input: PlanUrgingInput): Promise<PlanUrgingView> {
  const clock = workflowClock(input.clockOffsetMs);
  const cal = new WorkingCalendar();
  const { workflowId } = workflowInfo();
  for (let digests = 0; ;) {
    const slot = nextWeeklyUrging(clock.nowIso(), cal);
    if (slot.at > input.endsAt) return { digests, ended: 'term-over' };
    if (digests >= DIGESTS_PER_RUN) await continueAsNew<typeof planUrgingWorkflow>(input);
    await sleep(clock.msUntil(slot.at));
    const { planIssued } = await urgeWeekly({ workflowId, planId: input.planId, ...slot });
    if (!planIssued) return { digests, ended: 'plan-closed' };
    digests++;
  }
}
