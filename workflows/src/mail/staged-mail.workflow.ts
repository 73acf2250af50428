import { proxyActivities, sleep } from '@temporalio/workflow';
import type { StagedMailActivities, StagedMailResult } from '@dondoc/activities';
import { workflowClock } from '../clock';

export interface StagedMailInput {
  /** The (simulated) instant the staged mail is due. */
  at: string;
  /** Simulation and benchmarks only: see workflows/src/clock.ts. */
  clockOffsetMs?: number;
}

/** One dispatcher per instant (and clock): its id names both, so every stager finds the same one. */
export function stagedMailWorkflowId(at: string, clockOffsetMs?: number): string {
  return `mail:staged:${at}${clockOffsetMs ? `@${clockOffsetMs}` : ''}`;
}

const { sendStagedMail } = proxyActivities<StagedMailActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    maximumAttempts: 5,
  },
});

/**
 * `mail:staged:<instant>`: waits for the instant, then sends in one activity every mail staged for
 * it (a reminder wave: ~10⁴ reminders of a province due at 08:00). The deliverables' own steps run
 * at the same instant and send what this did not, so a dispatcher that fails loses nothing; it only
 * gives up the batching (hence a bounded retry).
 */
export async function stagedMailWorkflow(input: StagedMailInput): Promise<StagedMailResult> {
  const clock = workflowClock(input.clockOffsetMs);
  const wait = clock.msUntil(input.at);
  if (wait > 0) await sleep(wait);
  return sendStagedMail({ at: input.at });
}
