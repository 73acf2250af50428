import { ApplicationFailure } from '@temporalio/workflow';
import type { FieldProblem, IssueCommandContext } from '@dondoc/domain';
import type { WorkflowClock } from '../clock';
import { COMMAND_REJECTED } from '../deliverable/deliverable.messages';
import type { IssueMachine } from './issue-state';

/** A refused command: the API turns the FieldProblem[] details into problem+json. */
export function refuse(problems: FieldProblem[]): void {
  if (!problems.length) return;
  throw ApplicationFailure.create({
    type: COMMAND_REJECTED,
    message: problems.map((p) => `${p.field}: ${p.reason}`).join('; '),
    details: [problems],
  });
}

/** What the pure command rules need to know about the issue now. */
export function commandContext(machine: IssueMachine, clock: WorkflowClock): IssueCommandContext {
  const { view, input } = machine;
  return {
    state: view.state,
    severity: view.severity,
    reporterUnitId: input.reporterUnitId,
    btgUnitId: input.btgUnitId,
    btvUnitId: input.btvUnitId,
    today: machine.today(clock.nowIso()),
    openDeliverables: machine.openDeliverables(),
  };
}
