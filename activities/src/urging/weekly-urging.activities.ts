import { DataSource, In } from 'typeorm';
import { IsoDate, WorkingCalendar } from '@dondoc/calendar';
import { dueForWeeklyUrging, OWED_STATUSES, PlanDefinition } from '@dondoc/domain';
import { DigestItem, renderWeeklyDigest } from '@dondoc/mail';
import { DeliverableEntity, PlanEntity, UnitEntity } from '@dondoc/persistence';
import type { Postman } from '../mail/postman';
import { Recipient, resolveRecipients } from '../deliverable/recipients';

export interface UrgingActivityDeps {
  dataSource: DataSource;
  postman: Postman;
  publicUrl: string;
  calendar?: WorkingCalendar;
}

export interface WeeklyUrgingInput {
  /** The urging workflow: the outbox key of each digest mail starts with it. */
  workflowId: string;
  planId: string;
  date: IsoDate;
  at: string;
}

export interface WeeklyUrgingResult {
  /** False once the plan is cancelled or completed: the urging workflow then ends. */
  planIssued: boolean;
  urged: number;
  mails: number;
}

interface Addressee {
  recipient: Recipient;
  items: (DigestItem & { deliverableId: string })[];
}

/**
 * The plan's weekly digest (planUrgingWorkflow): every deliverable still owed whose escalation chain
 * has run its course and whose repeat interval has passed, one mail per recipient listing them all,
 * each exactly once through the outbox, and one `deliverable_urgings` row per deliverable. Safe to
 * retry: the selection ignores this day's own rows, the outbox skips what was sent, the rows are
 * written with ON CONFLICT DO NOTHING.
 */
export function createUrgingActivities(deps: UrgingActivityDeps) {
  const ds = deps.dataSource;
  const cal = deps.calendar ?? new WorkingCalendar();

  return {
    async urgeWeekly({ workflowId, planId, date, at }: WeeklyUrgingInput): Promise<WeeklyUrgingResult> {
      const plan = await ds.getRepository(PlanEntity).findOneBy({ id: planId });
      if (!plan || plan.status !== 'issued') return { planIssued: false, urged: 0, mails: 0 };
      const definition = plan.definition as PlanDefinition;
      const owed = await ds.getRepository(DeliverableEntity).find({
        where: { planId, weeklyByPlan: true, status: In([...OWED_STATUSES]) },
        order: { id: 'ASC' },
      });
      const lastUrged = await lastUrgedBefore(ds, planId, date);
      const units = new Map(
        (await ds.getRepository(UnitEntity).findBy({ id: In([...new Set(owed.map((d) => d.unitId))]) })).map(
          (u) => [u.id, u.name],
        ),
      );
      const step = `weekly:${date}`;
      const byContact = new Map<string, Addressee>();
      const recipientsOf = memoRecipients(ds);
      const urged: { id: string; days: number }[] = [];
      for (const d of owed) {
        const obligation = definition.obligations.find((o) => o.id === d.obligationId);
        const policy = obligation?.escalation ?? definition.defaults.escalation;
        const due = dueForWeeklyUrging(
          { dueDate: d.dueDate, lastUrgedOn: lastUrged.get(d.id) ?? null },
          policy,
          date,
          cal,
        );
        if (!due.due) continue;
        urged.push({ id: d.id, days: due.workingDaysOverdue });
        const targets = policy.levels[policy.levels.length - 1].notify;
        for (const r of await recipientsOf(d, targets)) {
          const a = byContact.get(r.contact.id) ?? { recipient: r, items: [] };
          a.items.push({
            deliverableId: d.id,
            unitName: units.get(d.unitId) ?? d.unitId,
            obligationTitle: d.title,
            period: d.period,
            dueDate: d.dueDate,
            workingDaysOverdue: due.workingDaysOverdue,
          });
          byContact.set(r.contact.id, a);
        }
      }
      const told = new Map<string, string[]>(); // deliverable id → addresses whose digest named it
      let mails = 0;
      for (const [contactId, { recipient, items }] of byContact) {
        items.sort(
          (a, b) =>
            a.unitName.localeCompare(b.unitName, 'vi') || a.deliverableId.localeCompare(b.deliverableId),
        );
        const mail = renderWeeklyDigest(
          {
            planNumber: plan.number,
            planTitle: plan.title,
            recipientName: recipient.bodyName,
            date,
            items,
            actUrl: `${deps.publicUrl}/plans/${encodeURIComponent(planId)}`,
          },
          recipient.contact.language,
        );
        const outcome = await deps.postman.deliver({
          key: `${workflowId}/${step}/${contactId}`,
          workflowId,
          step,
          kind: 'weekly-digest',
          contactId,
          to: recipient.contact.email,
          mail,
          at,
          unitId: recipient.unitId ?? null,
          planId,
        });
        if (outcome === 'failed') continue;
        if (outcome === 'sent') mails++;
        for (const i of items)
          told.set(i.deliverableId, [...(told.get(i.deliverableId) ?? []), recipient.contact.email]);
      }
      await ds.query(
        `INSERT INTO deliverable_urgings (deliverable_id, urged_on, plan_id, at, workflow_id, step, working_days_overdue, recipients)
         SELECT x.id, $2::date, $3, $4::timestamptz, $5, $6, x.days, x.recipients
           FROM jsonb_to_recordset($1::jsonb) AS x(id text, days integer, recipients text[])
         ON CONFLICT DO NOTHING`,
        [
          JSON.stringify(urged.map((u) => ({ ...u, recipients: [...new Set(told.get(u.id) ?? [])].sort() }))),
          date,
          planId,
          at,
          workflowId,
          step,
        ],
      );
      return { planIssued: true, urged: urged.length, mails };
    },
  };
}

/** The last digest day before `date` of each deliverable of the plan that has one. */
async function lastUrgedBefore(ds: DataSource, planId: string, date: IsoDate): Promise<Map<string, IsoDate>> {
  const rows: { deliverable_id: string; last: string }[] = await ds.query(
    `SELECT deliverable_id, to_char(max(urged_on), 'YYYY-MM-DD') AS last
       FROM deliverable_urgings WHERE plan_id = $1 AND urged_on < $2::date GROUP BY deliverable_id`,
    [planId, date],
  );
  return new Map(rows.map((r) => [r.deliverable_id, r.last]));
}

/**
 * Recipients depend only on the targets and, for some targets, the unit or the collector: resolve each
 * combination once (BTG and BTV, the usual last level, are the same for every deliverable). A body
 * never urges itself about its own deliverable (e.g. BTG's provincial summary).
 */
function memoRecipients(ds: DataSource) {
  const memo = new Map<string, Promise<Recipient[]>>();
  return async (d: DeliverableEntity, targets: Parameters<typeof resolveRecipients>[2]) => {
    const byUnit = targets.some((t) => t === 'unit' || t === 'head' || t === 'superior');
    const collector = targets.includes('collector') ? d.collectorUnitId : null;
    const key = `${byUnit ? d.unitId : ''}|${collector ?? ''}|${targets.join(',')}`;
    let r = memo.get(key);
    if (!r)
      memo.set(
        key,
        (r = resolveRecipients(ds, { unitId: byUnit ? d.unitId : '', collectorUnitId: collector }, targets)),
      );
    return (await r).filter((x) => x.unitId !== d.unitId || x.owingUnit);
  };
}

export type UrgingActivities = ReturnType<typeof createUrgingActivities>;
