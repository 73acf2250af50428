import { WorkingCalendar } from '@dondoc/calendar';
import { PlanDefinition } from '@dondoc/domain';
import { DeliverableEntity } from '@dondoc/persistence';
import type { SimulationServices } from '../../../apps/cli/src/simulate/simulation-services';
import { timelineProblems } from './timeline-check';

/** Events that end a deliverable's timed steps: after them nothing more is owed. */
const ENDING = ['submitted', 'cancelled', 'waived'];
/** Events that move its due date: its timeline is checked by the scenario's own assertions. */
const MOVING = ['extended', 'returned'];

/**
 * Every deliverable's reminders, overdue notice, escalations and weekly digests checked against the
 * plan's rules (timeline-check.ts), from its own trail and the plan's urgings in the read model, up
 * to the end of the run or its submission or cancellation. A deliverable whose due date moved is
 * left to the scenario's assertions. Returns one line per problem, naming the deliverable.
 */
export async function termTimelineProblems(
  services: SimulationServices,
  plan: PlanDefinition,
  endAt: string,
): Promise<{ checked: number; problems: string[] }> {
  const cal = new WorkingCalendar();
  const problems: string[] = [];
  let checked = 0;
  const rows = await services.dataSource.getRepository(DeliverableEntity).find();
  for (const d of rows) {
    // Its own trail, then the plan's weekly digests that named it (escalations to the last level).
    const mine = (await services.dataSource.query(
      `SELECT at, type FROM (
         SELECT at, type, version FROM deliverable_events WHERE deliverable_id = $1
         UNION ALL SELECT at, 'escalation', 2147483647 FROM deliverable_urgings WHERE deliverable_id = $1) e
       ORDER BY at, version`,
      [d.id],
    )) as { at: Date; type: string }[];
    const events = mine.map((e) => ({ at: new Date(e.at).toISOString(), type: e.type }));
    if (events.some((e) => MOVING.includes(e.type))) continue;
    const openedAt = events.find((e) => e.type === 'opened')!.at;
    const end = events.find((e) => ENDING.includes(e.type))?.at ?? endAt;
    const steps = events
      .filter((e) => ['reminder', 'overdue', 'escalation'].includes(e.type))
      // The clock runs at real speed while an instant's work is processed: compare minutes.
      .map((e) => ({ ...e, at: new Date(Date.parse(e.at) - (Date.parse(e.at) % 60_000)).toISOString() }));
    checked++;
    for (const p of timelineProblems(
      plan,
      { obligationId: d.obligationId, dueDate: d.dueDate, openedAt, endAt: end },
      steps,
      cal,
    ))
      problems.push(`${d.id}: ${p}`);
  }
  return { checked, problems };
}
