import { isIsoDate, IsoDate } from '@dondoc/calendar';
import { SLUG_PATTERN } from '../deliverable-key';
import type { FieldProblem } from '../domain-exception';
import type { IssueSeverity, IssueState } from './issue.types';

export interface IssueCommandContext {
  state: IssueState;
  severity: IssueSeverity;
  reporterUnitId: string;
  btgUnitId: string;
  btvUnitId: string;
  /** Today in Vietnam, as the workflow sees it. */
  today: IsoDate;
  /** Direction deliverables not yet closed. */
  openDeliverables: number;
}

export interface AcknowledgeCommand {
  byUnitId: string;
  note?: string;
}
export interface AssignHandlerCommand {
  byUnitId: string;
  handlerUnitId: string;
  /** Opaque contact id of the officer in charge (their name stays in PostgreSQL). */
  handlerContactId?: string;
}
export interface RequestInfoCommand {
  byUnitId: string;
  question: string;
}
export interface AnswerInfoCommand {
  byUnitId: string;
  answer: string;
}
export interface EscalateCommand {
  byUnitId: string;
  reason: string;
}
export interface DirectionCommand {
  byUnitId: string;
  instructions: string;
  /** Units that must act: each gets an ad-hoc deliverable due on `dueDate`. May be empty. */
  units: string[];
  dueDate?: IsoDate;
}
export interface ResolveCommand {
  byUnitId: string;
  resolution: string;
}
export interface CloseCommand {
  byUnitId: string;
  note?: string;
}
export interface ReopenCommand {
  byUnitId: string;
  reason: string;
}

export const MAX_DIRECTION_UNITS = 50;

// Named `status` like every lifecycle refusal: the API answers 409 when only `status` is at fault.
const stateProblem = (state: IssueState, wanted: string): FieldProblem[] => [
  { field: 'status', reason: `issue is ${state}; ${wanted}` },
];
const required = (v: string | undefined, field: string): FieldProblem[] =>
  v && v.trim() ? [] : [{ field, reason: 'is required' }];
function actor(ok: string[], unitId: string, who: string): FieldProblem[] {
  return ok.includes(unitId) ? [] : [{ field: 'byUnitId', reason: `only ${who} may do this, not ${unitId}` }];
}
const btg = (c: IssueCommandContext, u: string) => actor([c.btgUnitId], u, `Ban Tuyên giáo (${c.btgUnitId})`);

export function acknowledgeProblems(c: IssueCommandContext, cmd: AcknowledgeCommand): FieldProblem[] {
  if (c.state !== 'reported') return stateProblem(c.state, 'only a reported issue can be acknowledged');
  return btg(c, cmd.byUnitId);
}

export function assignHandlerProblems(c: IssueCommandContext, cmd: AssignHandlerCommand): FieldProblem[] {
  if (c.state !== 'acknowledged' && c.state !== 'in-handling')
    return stateProblem(c.state, 'acknowledge it before assigning a handler');
  return [
    ...btg(c, cmd.byUnitId),
    ...(SLUG_PATTERN.test(cmd.handlerUnitId ?? '')
      ? []
      : [{ field: 'handlerUnitId', reason: 'must be a unit id' }]),
  ];
}

/** BTG asks while it holds the issue; BTV (or BTG for it) while the issue waits for direction. */
export function requestInfoProblems(c: IssueCommandContext, cmd: RequestInfoCommand): FieldProblem[] {
  if (!['acknowledged', 'in-handling', 'escalated'].includes(c.state))
    return stateProblem(c.state, 'information can be requested while the issue is handled or escalated');
  const who =
    c.state === 'escalated'
      ? actor([c.btvUnitId, c.btgUnitId], cmd.byUnitId, 'Ban Thường vụ or Ban Tuyên giáo')
      : btg(c, cmd.byUnitId);
  return [...who, ...required(cmd.question, 'question')];
}

export function answerInfoProblems(c: IssueCommandContext, cmd: AnswerInfoCommand): FieldProblem[] {
  if (c.state !== 'info-requested') return stateProblem(c.state, 'no question is waiting for an answer');
  return [
    ...actor([c.reporterUnitId], cmd.byUnitId, `the reporting unit (${c.reporterUnitId})`),
    ...required(cmd.answer, 'answer'),
  ];
}

/** From handling; an urgent issue may go to BTV straight from reported or acknowledged. */
export function escalateProblems(c: IssueCommandContext, cmd: EscalateCommand): FieldProblem[] {
  const from: IssueState[] =
    c.severity === 'urgent' ? ['reported', 'acknowledged', 'in-handling'] : ['in-handling'];
  if (!from.includes(c.state))
    return stateProblem(
      c.state,
      c.severity === 'urgent'
        ? 'an urgent issue can be escalated until it is escalated or resolved'
        : 'only an issue in handling can be escalated (urgent ones also straight from reported)',
    );
  return [...btg(c, cmd.byUnitId), ...required(cmd.reason, 'reason')];
}

export function directionProblems(c: IssueCommandContext, cmd: DirectionCommand): FieldProblem[] {
  if (c.state !== 'escalated') return stateProblem(c.state, 'only an escalated issue can be given direction');
  const problems = [
    ...actor([c.btvUnitId], cmd.byUnitId, `Ban Thường vụ (${c.btvUnitId})`),
    ...required(cmd.instructions, 'instructions'),
  ];
  const units = cmd.units ?? [];
  if (!Array.isArray(units)) return [...problems, { field: 'units', reason: 'must be a list of unit ids' }];
  if (units.length > MAX_DIRECTION_UNITS)
    problems.push({ field: 'units', reason: `at most ${MAX_DIRECTION_UNITS} units per direction` });
  units.forEach((u, i) => {
    if (!SLUG_PATTERN.test(u)) problems.push({ field: `units.${i}`, reason: 'must be a unit id' });
    else if (units.indexOf(u) !== i) problems.push({ field: `units.${i}`, reason: `${u} is named twice` });
  });
  if (units.length) {
    if (!cmd.dueDate || !isIsoDate(cmd.dueDate))
      problems.push({ field: 'dueDate', reason: 'must be a date written YYYY-MM-DD when units are named' });
    else if (cmd.dueDate <= c.today) problems.push({ field: 'dueDate', reason: `must be after ${c.today}` });
  }
  return problems;
}

/** BTG resolves what it handles; after a direction only once every direction deliverable is closed. */
export function resolveProblems(c: IssueCommandContext, cmd: ResolveCommand): FieldProblem[] {
  if (c.state !== 'in-handling' && c.state !== 'directed')
    return stateProblem(c.state, 'only an issue in handling or directed can be resolved');
  if (c.state === 'directed' && c.openDeliverables > 0)
    return stateProblem(c.state, `${c.openDeliverables} direction deliverable(s) are still open`);
  return [...btg(c, cmd.byUnitId), ...required(cmd.resolution, 'resolution')];
}

export function closeProblems(c: IssueCommandContext, cmd: CloseCommand): FieldProblem[] {
  if (c.state !== 'resolved') return stateProblem(c.state, 'only a resolved issue can be closed');
  return btg(c, cmd.byUnitId);
}

/** BTG or the reporter takes a resolved or closed issue back into handling. */
export function reopenProblems(c: IssueCommandContext, cmd: ReopenCommand): FieldProblem[] {
  if (c.state !== 'resolved' && c.state !== 'closed')
    return stateProblem(c.state, 'only a resolved or closed issue can be reopened');
  return [
    ...actor([c.btgUnitId, c.reporterUnitId], cmd.byUnitId, 'Ban Tuyên giáo or the reporting unit'),
    ...required(cmd.reason, 'reason'),
  ];
}
