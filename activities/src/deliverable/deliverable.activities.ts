import { ApplicationFailure } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { TimelineStep } from '@dondoc/domain';
import { DeliverableProjection, DeliverableProjectionRepository } from '@dondoc/persistence';
import type {
  DeliverableEvent,
  DeliverableInput,
  DeliverableView,
} from '@dondoc/workflows/src/deliverable/deliverable.types';
import type { Postman } from '../mail/postman';
import { MailFacts, MailResult, mailStep, mailTransitions, stageStep } from './deliverable-mail';

export interface DeliverableActivityDeps {
  dataSource: DataSource;
  postman: Postman;
  publicUrl: string;
}

export interface RecordInput {
  workflowId: string;
  input: DeliverableInput;
  view: DeliverableView;
  events: DeliverableEvent[];
}

export interface NotifyInput {
  workflowId: string;
  deliverableId: string;
  step: TimelineStep;
  /** Members mode: ids of the members who have not registered yet (reminders go to them only). */
  pendingMembers?: string[];
}

export type NotifyResult = MailResult;

/** A step's mail prepared ahead (the deliverable workflow's STAGE_AHEAD_PATCH). */
export interface StageInput {
  notify: NotifyInput;
  /** What the mails say of the deliverable: the workflow's own state, as a record carries it. */
  record: Omit<RecordInput, 'events'>;
  /** Simulation and benchmarks: the workflow's clock offset, for the instant's dispatcher. */
  clockOffsetMs?: number;
}

export function createDeliverableActivities(deps: DeliverableActivityDeps) {
  const projections = new DeliverableProjectionRepository(deps.dataSource);
  /** The facts a mail needs, from the workflow's own state: no read of the row it is about to write. */
  const factsOf = ({ input, view }: Pick<RecordInput, 'input' | 'view'>): MailFacts => ({
    ...input.key,
    id: view.id,
    planNumber: input.planNumber,
    planTitle: input.planTitle,
    title: input.title,
    clause: input.clause ?? null,
    collectorUnitId: input.collectorUnitId,
    dueDate: view.dueDate,
    dueDateChanges: view.extensions.length + view.returns,
  });

  const activities = {
    /**
     * Writes the workflow's state and its new transitions into the read model (idempotent, versioned),
     * then tells the owing unit of each transition that changes what it owes (deliverable-mail.ts).
     */
    async recordDeliverable(record: RecordInput): Promise<void> {
      const { workflowId, view, events } = record;
      await projections.upsert(projectionOf(record), events);
      await mailTransitions(deps, factsOf(record), { workflowId, view, events });
    },

    /**
     * Mails one timeline step (reminder, overdue notice, escalation) to everyone it concerns, each
     * exactly once through the outbox.
     */
    async notifyDeliverable(notify: NotifyInput): Promise<NotifyResult> {
      const d = await projections.findById(notify.deliverableId);
      if (!d)
        throw ApplicationFailure.nonRetryable(
          `no read model row for ${notify.deliverableId}`,
          'MissingDeliverable',
        );
      const facts = { ...d, dueDateChanges: (d.extensions?.length ?? 0) + (d.returns ?? 0) };
      return mailStep(deps, facts, notify);
    },

    /**
     * Prepares a timed step's mails ahead of its instant (postman.stage), for the read-model version
     * the workflow stands at; writes nothing else. At the instant the step still runs
     * notifyAndRecordDeliverable, which finds each staged mail sent (or sends it, if the dispatcher
     * has not, or it was withdrawn because the deliverable moved on).
     */
    async stageDeliverableStep(i: StageInput): Promise<{ staged: number; left: number }> {
      return stageStep(deps, factsOf(i.record), {
        ...i.notify,
        version: i.record.view.version,
        clockOffsetMs: i.clockOffsetMs,
      });
    },

    /**
     * A timed step in one call: the mails first (each exactly once), then the transition into the
     * read model (versioned). Retrying the whole is safe, so the workflow needs one activity, not two.
     */
    async notifyAndRecordDeliverable(i: { notify: NotifyInput; record: RecordInput }): Promise<NotifyResult> {
      const result = await mailStep(deps, factsOf(i.record), i.notify);
      await activities.recordDeliverable(i.record);
      return result;
    },
  };
  return activities;
}

export type DeliverableActivities = ReturnType<typeof createDeliverableActivities>;

/** The read-model row for what a deliverable workflow knows about itself. */
export function projectionOf({ workflowId, input, view }: RecordInput): DeliverableProjection {
  return {
    ...input.key,
    id: view.id,
    workflowId,
    planNumber: input.planNumber,
    planTitle: input.planTitle,
    title: input.title,
    clause: input.clause ?? null,
    collectorUnitId: input.collectorUnitId,
    requiredContents: input.requiredContents,
    dueDate: view.dueDate,
    deadlineAt: view.deadlineAt,
    status: view.status,
    version: view.version,
    remindersSent: view.remindersSent,
    escalationsSent: view.escalationsSent,
    nextStepAt: view.nextStepAt,
    nextStepKind: view.nextStepKind,
    submittedAt: view.submission?.submittedAt ?? null,
    submission: view.submission,
    lastReview: view.lastReview,
    extensions: view.extensions,
    returns: view.returns,
    closedReason: view.closedReason,
    memberCount: view.memberCount,
    registeredCount: view.registered.length,
    weeklyByPlan: view.weeklyByPlan ?? false,
  };
}
