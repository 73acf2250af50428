import { isIsoDate, IsoDate } from '@dondoc/calendar';
import type { FieldProblem } from '../domain-exception';
import type { DeliverableStatus } from '../deliverable-status';

/** Statuses in which the unit still owes the document, so reminders and escalations run. */
export const OWED_STATUSES: readonly DeliverableStatus[] = ['open', 'overdue', 'escalated', 'returned'];
export const CLOSED_STATUSES: readonly DeliverableStatus[] = ['accepted', 'waived', 'cancelled', 'closed'];

export const isOwed = (s: DeliverableStatus) => OWED_STATUSES.includes(s);
export const isClosed = (s: DeliverableStatus) => CLOSED_STATUSES.includes(s);

/**
 * A command made on a state the caller has seen (HTTP If-Match): refused when the deliverable has
 * changed since, so two reviewers cannot overwrite each other silently.
 */
export interface Versioned {
  expectedVersion?: number;
}

/** The refusal when `expectedVersion` is not the current version (field `version`: a 409). */
export function staleVersionProblems(current: number, c: Versioned): FieldProblem[] {
  if (c.expectedVersion === undefined || c.expectedVersion === current) return [];
  return [
    {
      field: 'version',
      reason: `the deliverable is at version ${current}, not ${c.expectedVersion}: it changed since it was read`,
    },
  ];
}

export interface ReviewCommand extends Versioned {
  decision: 'accept' | 'return';
  reviewerUnitId: string;
  comments?: string;
  /** Required when returning: the new due date set by the collector. */
  newDueDate?: IsoDate;
}

export interface ExtendCommand extends Versioned {
  newDueDate: IsoDate;
  reason: string;
  grantedByUnitId: string;
}

export interface WaiveCommand extends Versioned {
  reason: string;
  byUnitId: string;
}

export interface CancelCommand {
  reason: string;
}

interface Context {
  status: DeliverableStatus;
  collectorUnitId: string;
  dueDate: IsoDate;
  /** Today in Vietnam, as the workflow sees it. */
  today: IsoDate;
}

const statusProblem = (status: DeliverableStatus, wanted: string): FieldProblem => ({
  field: 'status',
  reason: `deliverable is ${status}; ${wanted}`,
});

function collectorProblem(ctx: Context, unitId: string, field: string): FieldProblem[] {
  return unitId === ctx.collectorUnitId
    ? []
    : [{ field, reason: `only the collecting unit ${ctx.collectorUnitId} may do this, not ${unitId}` }];
}

function futureDateProblem(d: IsoDate | undefined, after: IsoDate, field: string): FieldProblem[] {
  if (!d || !isIsoDate(d)) return [{ field, reason: 'must be a date written YYYY-MM-DD' }];
  return d > after ? [] : [{ field, reason: `must be after ${after}` }];
}

const required = (v: string | undefined, field: string): FieldProblem[] =>
  v && v.trim() ? [] : [{ field, reason: 'is required' }];

/** Why a review cannot be taken now (empty = it can). */
export function reviewProblems(ctx: Context, c: ReviewCommand): FieldProblem[] {
  if (ctx.status !== 'submitted')
    return [statusProblem(ctx.status, 'only a submitted deliverable can be reviewed')];
  const problems = collectorProblem(ctx, c.reviewerUnitId, 'reviewerUnitId');
  if (c.decision === 'return') {
    problems.push(
      ...required(c.comments, 'comments'),
      ...futureDateProblem(c.newDueDate, ctx.today, 'newDueDate'),
    );
  } else if (c.decision !== 'accept') {
    problems.push({ field: 'decision', reason: 'must be accept or return' });
  }
  return problems;
}

export function extendProblems(ctx: Context, c: ExtendCommand): FieldProblem[] {
  if (!isOwed(ctx.status))
    return [statusProblem(ctx.status, 'only a deliverable still owed can be extended')];
  const after = ctx.dueDate > ctx.today ? ctx.dueDate : ctx.today;
  return [
    ...collectorProblem(ctx, c.grantedByUnitId, 'grantedByUnitId'),
    ...required(c.reason, 'reason'),
    ...futureDateProblem(c.newDueDate, after, 'newDueDate'),
  ];
}

export function waiveProblems(ctx: Context, c: WaiveCommand): FieldProblem[] {
  if (isClosed(ctx.status)) return [statusProblem(ctx.status, 'it is already closed')];
  return [...collectorProblem(ctx, c.byUnitId, 'byUnitId'), ...required(c.reason, 'reason')];
}

export function cancelProblems(ctx: Context, c: CancelCommand): FieldProblem[] {
  if (isClosed(ctx.status)) return [statusProblem(ctx.status, 'it is already closed')];
  return required(c.reason, 'reason');
}
