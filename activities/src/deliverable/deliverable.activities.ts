import { ApplicationFailure, log } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { Mailer, PermanentMailError, renderReminder } from '@dondoc/mail';
import {
  ContactEntity,
  DeliverableProjection,
  DeliverableProjectionRepository,
  OutboxRepository,
  UnitEntity,
} from '@dondoc/persistence';
import { messageIdFor } from './message-id.util';

export interface DeliverableActivityDeps {
  dataSource: DataSource;
  mailer: Mailer;
  publicUrl: string;
  mailFrom: string;
}

export interface ReminderInput {
  workflowId: string;
  deliverableId: string;
  /** Unique per reminder of this workflow, e.g. `reminder:2021-09-10`. */
  step: string;
  workingDaysLeft: number;
}

export interface ReminderResult {
  sent: number;
  alreadySent: number;
  failed: number;
}

export function createDeliverableActivities(deps: DeliverableActivityDeps) {
  const projections = new DeliverableProjectionRepository(deps.dataSource);
  const outbox = new OutboxRepository(deps.dataSource);

  return {
    /** Writes the workflow's state into the read model; older versions never overwrite newer ones. */
    async projectDeliverable(p: DeliverableProjection): Promise<void> {
      await projections.upsert(p);
    },

    /**
     * Mails one reminder to every contact of the owing unit, each exactly once: the outbox row is
     * claimed before sending and marked right after, and a retry skips rows already sent.
     */
    async sendDeliverableReminder(input: ReminderInput): Promise<ReminderResult> {
      const deliverable = await projections.findById(input.deliverableId);
      if (!deliverable) {
        throw ApplicationFailure.nonRetryable(
          `no read model row for ${input.deliverableId}`,
          'MissingDeliverable',
        );
      }
      const unit = await deps.dataSource.getRepository(UnitEntity).findOneBy({ id: deliverable.unitId });
      const contacts = await deps.dataSource
        .getRepository(ContactEntity)
        .find({ where: { unitId: deliverable.unitId }, order: { role: 'ASC', id: 'ASC' } });
      const result: ReminderResult = { sent: 0, alreadySent: 0, failed: 0 };
      for (const contact of contacts) {
        const key = `${input.workflowId}/${input.step}/${contact.id}`;
        const mail = renderReminder(
          {
            planNumber: deliverable.planId,
            planTitle: deliverable.planId,
            obligationTitle: deliverable.title,
            period: deliverable.period,
            unitName: unit?.name ?? deliverable.unitId,
            dueDate: deliverable.dueDate,
            workingDaysLeft: input.workingDaysLeft,
            actUrl: `${deps.publicUrl}/deliverables/${encodeURIComponent(deliverable.id)}`,
          },
          contact.language,
        );
        const messageId = messageIdFor(key);
        const row = await outbox.claim({
          key,
          workflowId: input.workflowId,
          step: input.step,
          contactId: contact.id,
          recipient: contact.email,
          subject: mail.subject,
          messageId,
        });
        if (row.status === 'sent') {
          result.alreadySent++;
          continue;
        }
        if (row.status === 'failed') {
          result.failed++;
          continue;
        }
        try {
          await deps.mailer.send({ messageId, from: deps.mailFrom, to: [contact.email], ...mail });
        } catch (e) {
          const permanent = e instanceof PermanentMailError;
          await outbox.recordError(key, (e as Error).message, permanent);
          if (!permanent) throw e;
          log.warn('reminder refused permanently by the relay', { outboxKey: key });
          result.failed++;
          continue;
        }
        await outbox.markSent(key);
        result.sent++;
      }
      return result;
    },
  };
}

export type DeliverableActivities = ReturnType<typeof createDeliverableActivities>;
