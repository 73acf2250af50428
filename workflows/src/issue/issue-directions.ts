import { setHandler } from '@temporalio/workflow';
import { deliverableId } from '@dondoc/domain';
import { deliverableClosedSignal } from '../plan/plan.messages';
import type { IssueMachine } from './issue-state';

type Closure = { id: string; status: string; closedAt: string };

/**
 * Direction deliverables tell the issue when they close. When the last open one closes while the
 * issue is directed, the issue resolves itself. A cancelled deliverable counts as done: it is
 * cancelled only when the plan is amended (the unit removed or the plan cancelled), so nothing more
 * can come of it; the resolution says how many were cancelled, and BTG or the reporter can reopen.
 */
export function registerDirectionClosures(machine: IssueMachine, nowIso: () => string): void {
  const { view } = machine;
  // A closure can overtake the activity that reports the deliverable ids: kept until they arrive.
  const early: Closure[] = [];

  const apply = (c: Closure): boolean => {
    const d = view.directions.flatMap((x) => x.deliverables).find((x) => x.id === c.id);
    if (!d || d.closedAt) return !!d;
    Object.assign(d, { status: c.status, closedAt: c.closedAt });
    machine.record('direction-deliverable-closed', c.closedAt, {
      actorUnitId: d.unitId,
      detail: { deliverableId: d.id, status: c.status },
    });
    if (view.state === 'directed' && machine.openDeliverables() === 0) resolveByDirection();
    return true;
  };

  const resolveByDirection = () => {
    const all = view.directions.flatMap((x) => x.deliverables);
    const count = (s: string) => all.filter((d) => d.status === s).length;
    const now = nowIso();
    machine.enter('resolved', now);
    view.resolvedAt = now;
    view.resolution =
      `Các đơn vị được chỉ đạo đã hoàn thành: ${count('accepted')} được chấp nhận, ` +
      `${count('waived')} được miễn, ${count('cancelled')} bị hủy.`;
    machine.record('resolved', now, { reason: view.resolution }, machine.unitsFor(['btg', 'btv']));
  };

  setHandler(deliverableClosedSignal, (s) => {
    const c = { id: deliverableId(s.key), status: s.status, closedAt: s.closedAt };
    if (!apply(c)) early.push(c);
  });

  /** Called once a direction's deliverables are known. */
  machine.onDeliverablesKnown = () => {
    for (const c of early.splice(0)) if (!apply(c)) early.push(c);
  };
}
