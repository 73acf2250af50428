import { ApplicationFailure } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { TimelineStep } from '@dondoc/domain';
import { Mailer, renderEscalation, renderReminder } from '@dondoc/mail';
import { DeliverableEntity, DeliverableProjectionRepository, OutboxRepository } from '@dondoc/persistence';
import type {
  DeliverableEvent,
  DeliverableInput,
  DeliverableView,
} from '@dondoc/workflows/src/deliverable/deliverable.types';
import { sendOnce, SendOnceOutcome } from '../mail/send-once';
import { memberRecipients, stepAudience } from './recipients';

export interface DeliverableActivityDeps {
  dataSource: DataSource;
  mailer: Mailer;
  publicUrl: string;
  mailFrom: string;
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

export type NotifyResult = Record<SendOnceOutcome, number>;

export function createDeliverableActivities(deps: DeliverableActivityDeps) {
  const projections = new DeliverableProjectionRepository(deps.dataSource);
  const outbox = new OutboxRepository(deps.dataSource);

  /** What a step's mail says about the deliverable. */
  type MailFacts = Pick<
    DeliverableEntity,
    | 'id'
    | 'planId'
    | 'planNumber'
    | 'planTitle'
    | 'title'
    | 'clause'
    | 'period'
    | 'unitId'
    | 'collectorUnitId'
    | 'dueDate'
  >;

  async function mailStep(
    d: MailFacts,
    { workflowId, step, pendingMembers }: NotifyInput,
  ): Promise<NotifyResult> {
    const result: NotifyResult = { sent: 0, 'already-sent': 0, failed: 0 };
    // Reminders count the days left; notices and escalations the working days past the deadline.
    const workingDaysLeft = step.kind === 'reminder' ? step.days : -step.days;
    const { unitName, recipients } = await stepAudience(deps.dataSource, d, step.notify);
    if (pendingMembers && step.kind === 'reminder')
      recipients.push(...(await memberRecipients(deps.dataSource, pendingMembers)));
    for (const r of recipients) {
      const ctx = {
        planNumber: d.planNumber ?? d.planId,
        planTitle: d.planTitle ?? d.title,
        obligationTitle: d.title,
        clause: d.clause ?? undefined,
        period: d.period,
        unitName: r.personal ? r.bodyName : (unitName ?? d.unitId),
        dueDate: d.dueDate,
        workingDaysLeft,
        actUrl: `${deps.publicUrl}/deliverables/${encodeURIComponent(d.id)}`,
      };
      const mail = r.owingUnit
        ? renderReminder(ctx, r.contact.language)
        : renderEscalation({ ...ctx, recipientName: r.bodyName }, r.contact.language);
      const outcome = await sendOnce(outbox, deps.mailer, {
        key: `${workflowId}/${step.id}/${r.personal ? `person:${r.contact.id}` : r.contact.id}`,
        workflowId,
        step: step.id,
        contactId: r.personal ? null : r.contact.id,
        to: r.contact.email,
        from: deps.mailFrom,
        mail,
      });
      result[outcome]++;
    }
    return result;
  }

  const activities = {
    /** Writes the workflow's state and its new transitions into the read model (idempotent, versioned). */
    async recordDeliverable({ workflowId, input, view, events }: RecordInput): Promise<void> {
      await projections.upsert(
        {
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
        },
        events,
      );
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
      return mailStep(d, notify);
    },

    /**
     * A timed step in one call: the mails first (each exactly once), then the transition into the
     * read model (versioned). Retrying the whole is safe, so the workflow needs one activity, not two.
     */
    async notifyAndRecordDeliverable(i: { notify: NotifyInput; record: RecordInput }): Promise<NotifyResult> {
      // The workflow's own state names the deliverable: no read of the row it is about to write.
      const { input, view } = i.record;
      const result = await mailStep(
        {
          ...input.key,
          id: view.id,
          planNumber: input.planNumber,
          planTitle: input.planTitle,
          title: input.title,
          clause: input.clause ?? null,
          collectorUnitId: input.collectorUnitId,
          dueDate: view.dueDate,
        },
        i.notify,
      );
      await activities.recordDeliverable(i.record);
      return result;
    },
  };
  return activities;
}

export type DeliverableActivities = ReturnType<typeof createDeliverableActivities>;
