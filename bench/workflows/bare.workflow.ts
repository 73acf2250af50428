import { sleep } from '@temporalio/workflow';

/** The fan-out baseline: an empty workflow with one timer (bench-only, bundled on its own). */
export async function bareWorkflow(): Promise<void> {
  await sleep('30 days');
}
