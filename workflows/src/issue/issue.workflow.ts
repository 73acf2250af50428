import {
  allHandlersFinished,
  condition,
  patched,
  proxyActivities,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { IssueActivities } from '@dondoc/activities';
import { WorkingCalendar } from '@dondoc/calendar';
import { workflowClock } from '../clock';
import { SA_PLAN, SA_STATUS, SA_UNIT } from '../search-attributes';
import { registerDirectionClosures } from './issue-directions';
import { registerIssueHandlers } from './issue-handlers';
import { IssueMachine } from './issue-state';
import type { IssueInput, IssueView } from './issue.types';

const { recordIssue, openDirectionDeliverables } = proxyActivities<IssueActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const { notifyIssue } = proxyActivities<IssueActivities>({
  startToCloseTimeout: '2 minutes',
  // A relay that is down must not lose the mail; a bad address is recorded by the activity, not retried.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** A closed issue can be reopened for this long; then the workflow completes (report a new issue). */
export const REOPEN_WINDOW_MS = 60 * 86_400_000;

const AUTO_CLOSE_REASON = 'Tự động đóng: đơn vị báo cáo không có ý kiến trong thời hạn';

/**
 * `issue:<id>`: one reported issue (DOMAIN.md lifecycle). Commands are Updates; the loop waits for a
 * change or the next timed step of the running limit (reminder, escalation, weekly repeat, auto-close)
 * and sends the mail every recorded event owes.
 */
/** From this patch on, the report is recorded before the handlers are registered. */
export const HANDLERS_AFTER_REPORT_PATCH = 'issue-handlers-after-report';

export async function issueWorkflow(input: IssueInput): Promise<IssueView> {
  const clock = workflowClock(input.clockOffsetMs);
  const machine = new IssueMachine(input, new WorkingCalendar(), clock.nowIso());
  const { workflowId } = workflowInfo();
  const { view } = machine;

  const persist = async () => {
    const events = machine.pending;
    machine.pending = [];
    machine.refresh(clock.nowIso());
    upsertSearchAttributes([
      { key: SA_PLAN, value: input.planId },
      { key: SA_UNIT, value: input.reporterUnitId },
      { key: SA_STATUS, value: view.state },
    ]);
    await recordIssue({ workflowId, input, view: JSON.parse(JSON.stringify(view)) as IssueView, events });
  };
  const openDirection = (no: number, units: string[], dueDate: string) =>
    openDirectionDeliverables({ issueWorkflowId: workflowId, input, no, units, dueDate });
  const register = () => {
    registerIssueHandlers({ machine, clock, persist, openDirection });
    registerDirectionClosures(machine, clock.nowIso);
  };
  const report = () => {
    machine.enter('reported', clock.nowIso());
    machine.record(
      'reported',
      clock.nowIso(),
      { actorUnitId: input.reporterUnitId },
      machine.unitsFor(['btg']),
    );
  };
  // An Update that arrives with the start runs as soon as its handler is registered: the report must
  // be on record before, or 'reported' would overwrite the acknowledgement (seen under load in CI).
  if (patched(HANDLERS_AFTER_REPORT_PATCH)) {
    report();
    register();
  } else {
    register();
    report();
  }

  for (;;) {
    if (machine.pending.length) await persist();
    // Mail goes out after the read model shows the event (the activity reads the issue's words there).
    for (const notice of machine.notices.splice(0))
      await notifyIssue({ workflowId, issueId: view.id, ...notice });
    const version = view.version;
    const changed = () => view.version !== version || machine.notices.length > 0;
    if (view.state === 'closed') {
      const until = Date.parse(view.closedAt!) + REOPEN_WINDOW_MS;
      if (await condition(changed, Math.max(0, until - clock.nowMs()))) continue;
      break;
    }
    const step = machine.nextStep(clock.nowIso());
    if (!step) {
      await condition(changed);
      continue;
    }
    if (await condition(changed, clock.msUntil(step.at))) continue;
    const firedAt = clock.nowIso();
    machine.done.add(step.id);
    const running = view.clock!;
    if (step.kind === 'auto-close') {
      machine.enter('closed', firedAt);
      view.closedAt = firedAt;
      machine.record(
        'closed',
        firedAt,
        { step: step.id, reason: AUTO_CLOSE_REASON },
        machine.unitsFor(['btg']),
      );
      continue;
    }
    if (step.kind === 'limit-escalation') view.escalationsSent++;
    else view.remindersSent++;
    const told = machine.unitsFor([...step.notify, running.holder]);
    machine.record(step.kind, firedAt, { step: step.id, detail: { limit: running.kind } }, told);
  }
  await condition(allHandlersFinished);
  return view;
}
