import { sleep } from '@temporalio/workflow';

/**
 * The simulation baseline: a workflow that does nothing but wake at given instants (server time, ms)
 * and ends after the last one (bench-only, bundled on its own). One per deliverable, with that
 * deliverable's opening and timed steps, so the time-skipping server has the same timers to fire.
 */
export async function timelineWorkflow(wakeAtMs: number[]): Promise<void> {
  for (const at of wakeAtMs) await sleep(Math.max(1, at - Date.now()));
}
