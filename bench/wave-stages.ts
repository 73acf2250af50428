import { Client } from '@temporalio/client';
import { percentile } from './embedded-stack';
import { round } from './scenarios';

type HistoryEvent = Awaited<
  ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>
>['events'] extends (infer E)[] | null | undefined
  ? E
  : never;

const msOf = (e: HistoryEvent): number => {
  const t = e.eventTime!;
  return Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
};

/**
 * Where a reminder's lateness goes, from a sample of the wave's histories (seconds after T0, p50 and
 * p99 of each instant): the server fires the timer; the worker's workflow task schedules the activity;
 * a worker slot starts it; it completes (mail sent, read model written).
 */
export async function waveStages(client: Client, workflowIds: string[], t0: number, sample = 50) {
  const step = Math.max(1, Math.floor(workflowIds.length / sample));
  const at: Record<'timerFired' | 'activityScheduled' | 'activityStarted' | 'activityCompleted', number[]> = {
    timerFired: [],
    activityScheduled: [],
    activityStarted: [],
    activityCompleted: [],
  };
  for (let i = 0; i < workflowIds.length; i += step) {
    const { events } = await client.workflow.getHandle(workflowIds[i]).fetchHistory();
    const list = (events ?? []).filter((e) => msOf(e) >= t0 - 1000);
    const first = (pick: (e: HistoryEvent) => unknown) => list.find((e) => pick(e));
    const fired = first((e) => e.timerFiredEventAttributes);
    const scheduled = first((e) => e.activityTaskScheduledEventAttributes);
    const started = first((e) => e.activityTaskStartedEventAttributes);
    const completed = first((e) => e.activityTaskCompletedEventAttributes);
    if (!fired || !scheduled || !started || !completed) continue;
    at.timerFired.push(msOf(fired) - t0);
    at.activityScheduled.push(msOf(scheduled) - t0);
    at.activityStarted.push(msOf(started) - t0);
    at.activityCompleted.push(msOf(completed) - t0);
  }
  const summary = (values: number[]) => ({
    p50: round(percentile(values, 50) / 1000),
    p99: round(percentile(values, 99) / 1000),
  });
  return {
    sampled: at.timerFired.length,
    timerFired: summary(at.timerFired),
    activityScheduled: summary(at.activityScheduled),
    activityStarted: summary(at.activityStarted),
    activityCompleted: summary(at.activityCompleted),
  };
}
