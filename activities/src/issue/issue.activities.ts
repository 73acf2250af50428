import { ApplicationFailure, Context } from '@temporalio/activity';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { deliverableId } from '@dondoc/domain';
import { IssueMailEvent, renderIssueNotice } from '@dondoc/mail';
import { PlanEntity, ReportedIssueRepository, UnitEntity } from '@dondoc/persistence';
import type { IssueEvent, IssueInput, IssueNotice, IssueView } from '@dondoc/workflows/src/issue/issue.types';
import { startDeliverableWorkflow } from '../deliverable/start-deliverable';
import { DeliveryOutcome, Postman } from '../mail/postman';
import { directionDeliverableInput } from './issue-direction-input';
import { issueRecipients } from './issue-recipients';

export interface IssueActivityDeps {
  dataSource: DataSource;
  postman: Postman;
  publicUrl: string;
  /** Directions start deliverable workflows through it. */
  client: Client;
  taskQueue: string;
}

export function createIssueActivities(deps: IssueActivityDeps) {
  const issues = new ReportedIssueRepository(deps.dataSource);

  return {
    /** Writes the issue's state and its new events into the read model (idempotent, versioned). */
    async recordIssue(o: { workflowId: string; input: IssueInput; view: IssueView; events: IssueEvent[] }) {
      const { view, input } = o;
      await issues.upsert(
        {
          ...view,
          workflowId: o.workflowId,
          planId: input.planId,
          reporterUnitId: input.reporterUnitId,
          limits: input.limits,
        },
        o.events,
      );
    },

    /** Mails one event to the contacts of the units it concerns, each exactly once through the outbox. */
    async notifyIssue(
      n: IssueNotice & { workflowId: string; issueId: string },
    ): Promise<Record<DeliveryOutcome, number>> {
      const issue = await issues.findById(n.issueId);
      if (!issue) throw ApplicationFailure.nonRetryable(`no read model row for ${n.issueId}`, 'MissingIssue');
      const [reporter, plan] = await Promise.all([
        deps.dataSource.getRepository(UnitEntity).findOneBy({ id: issue.reporterUnitId }),
        deps.dataSource.getRepository(PlanEntity).findOneBy({ id: issue.planId }),
      ]);
      const recipients = await issueRecipients(deps.dataSource, {
        unitIds: n.unitIds,
        reporterUnitId: issue.reporterUnitId,
        reporterEmail: issue.reporterEmail,
      });
      const detail = n.detail ?? {};
      const result: Record<DeliveryOutcome, number> = {
        sent: 0,
        'already-sent': 0,
        failed: 0,
        digested: 0,
        deferred: 0,
      };
      for (const r of recipients) {
        const mail = renderIssueNotice(
          {
            issueId: issue.id,
            title: issue.title || issue.id,
            planNumber: plan?.definition.number ?? issue.planId,
            reporterUnitName: reporter?.name ?? issue.reporterUnitId,
            recipientName: r.bodyName,
            toReporter: r.toReporter,
            event: n.type as IssueMailEvent,
            severity: issue.severity,
            limitDate: typeof detail.limitDate === 'string' ? detail.limitDate : undefined,
            dueDate: typeof detail.dueDate === 'string' ? detail.dueDate : undefined,
            text: typeof detail.reason === 'string' ? detail.reason : undefined,
            actUrl: `${deps.publicUrl}/issues/${encodeURIComponent(issue.id)}`,
          },
          r.language,
        );
        const outcome = await deps.postman.deliver({
          key: `${n.workflowId}/${n.noticeId}/${r.keyPart}`,
          workflowId: n.workflowId,
          step: n.noticeId,
          kind: 'issue',
          contactId: r.contactId,
          to: r.email,
          mail,
          // Issue notices answer someone's action, or a limit that fires at 08:00: never held back.
          at: new Date(Context.current().info.currentAttemptScheduledTimestampMs).toISOString(),
          immediate: true,
          unitId: issue.reporterUnitId,
          planId: issue.planId,
        });
        result[outcome]++;
      }
      return result;
    },

    /**
     * Opens one ad-hoc deliverable per directed unit (the deliverable workflow, business-key ids, so a
     * retry never duplicates one); each tells the issue when it closes.
     */
    async openDirectionDeliverables(o: {
      issueWorkflowId: string;
      input: IssueInput;
      no: number;
      units: string[];
      dueDate: string;
    }): Promise<{ id: string; unitId: string; status: string }[]> {
      const plan = await deps.dataSource.getRepository(PlanEntity).findOneBy({ id: o.input.planId });
      const opened: { id: string; unitId: string; status: string }[] = [];
      for (const unitId of o.units) {
        const input = directionDeliverableInput({ ...o, unitId, plan: plan?.definition ?? null });
        await startDeliverableWorkflow(deps.client, deps.taskQueue, input, deps.postman.stageLeadMs);
        opened.push({ id: deliverableId(input.key), unitId, status: 'open' });
      }
      return opened;
    },
  };
}

export type IssueActivities = ReturnType<typeof createIssueActivities>;
