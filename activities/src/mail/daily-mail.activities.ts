import { Context } from '@temporalio/activity';
import { DataSource } from 'typeorm';
import { WorkingCalendar } from '@dondoc/calendar';
import { DailyDigestItem, DailyDigestReviewItem, renderDailyDigest } from '@dondoc/mail';
import { OutboxEntity } from '@dondoc/persistence';
import type { Postman } from './postman';

export interface MailActivityDeps {
  dataSource: DataSource;
  postman: Postman;
  publicUrl: string;
  calendar?: WorkingCalendar;
}

const DEFERRED_BATCH = 200;

/** Submissions wait for the review of a unit with a digest contact: its digest lists them. */
const AWAITING_DIGEST_REVIEW = `EXISTS (SELECT 1 FROM contacts c JOIN deliverables d ON d.collector_unit_id = c.unit_id
  WHERE c.digest AND d.status = 'submitted')`;

interface DigestContact {
  id: string;
  email: string;
  language: 'vi' | 'en';
  unit_id: string;
  unit_name: string;
}

interface DeliverableFacts {
  id: string;
  plan_id: string;
  plan_number: string | null;
  title: string;
  unit_name: string;
  period: string;
  due_date: string;
  submitted_at: Date | null;
}

export function createMailActivities(deps: MailActivityDeps) {
  const ds = deps.dataSource;
  const cal = deps.calendar ?? new WorkingCalendar();
  const { outbox } = deps.postman;
  const url = (id: string) => `${deps.publicUrl}/deliverables/${encodeURIComponent(id)}`;

  const workingDaysLeft = (due: string, date: string) => {
    const deadline = cal.deadlineEnd(due);
    return date <= deadline
      ? cal.workingDaysBetween(date, deadline)
      : -cal.workingDaysBetween(deadline, date);
  };

  async function facts(ids: string[]): Promise<Map<string, DeliverableFacts>> {
    if (!ids.length) return new Map();
    const rows = (await ds.query(
      `SELECT d.id, d.plan_id, d.plan_number, d.title, COALESCE(u.name, d.unit_id) AS unit_name, d.period,
              d.due_date::text AS due_date, d.submitted_at
         FROM deliverables d LEFT JOIN units u ON u.id = d.unit_id WHERE d.id = ANY($1::text[])`,
      [ids],
    )) as DeliverableFacts[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Submissions waiting for the review of the contact's unit. */
  async function awaitingReview(unitId: string): Promise<DeliverableFacts[]> {
    return (await ds.query(
      `SELECT d.id, d.plan_id, d.plan_number, d.title, COALESCE(u.name, d.unit_id) AS unit_name, d.period,
              d.due_date::text AS due_date, d.submitted_at
         FROM deliverables d LEFT JOIN units u ON u.id = d.unit_id
        WHERE d.collector_unit_id = $1 AND d.status = 'submitted' ORDER BY d.submitted_at, d.id`,
      [unitId],
    )) as DeliverableFacts[];
  }

  return {
    /**
     * The start of a working day's send window: first what waited for it, then one digest per contact
     * who chose digests (what happened since their last digest, and what waits for their review).
     * Safe to retry: sent rows are skipped, a digest is one outbox key per contact and day, and only
     * rows still waiting are marked as carried.
     */
    async runDailyMail({
      at,
      date,
    }: {
      at: string;
      date: string;
    }): Promise<{ deferred: number; digests: number; more: boolean }> {
      // Most days nothing waits: one query decides (a term has ~1,100 working days).
      const [{ work }] = (await ds.query(
        `SELECT EXISTS (SELECT 1 FROM outbox WHERE status = 'pending' AND not_before <= $1)
             OR EXISTS (SELECT 1 FROM outbox WHERE status = 'digested' AND digest_key IS NULL)
             OR ${AWAITING_DIGEST_REVIEW} AS work`,
        [at],
      )) as { work: boolean }[];
      if (!work) return { deferred: 0, digests: 0, more: false };
      let deferred = 0;
      for (;;) {
        const due = await outbox.dueDeferred(at, DEFERRED_BATCH);
        if (!due.length) break;
        for (const row of due) {
          await deps.postman.sendDeferred(row, at);
          deferred++;
        }
        Context.current().heartbeat(deferred);
      }

      const waiting = await outbox.undigested();
      const byContact = new Map<string, OutboxEntity[]>();
      for (const r of waiting)
        if (r.contactId) byContact.set(r.contactId, [...(byContact.get(r.contactId) ?? []), r]);
      const contacts = (await ds.query(
        `SELECT c.id, c.email, c.language, c.unit_id, u.name AS unit_name
           FROM contacts c JOIN units u ON u.id = c.unit_id WHERE c.digest ORDER BY c.id`,
      )) as DigestContact[];
      const known = await facts([
        ...new Set(waiting.map((r) => r.deliverableId).filter((x): x is string => !!x)),
      ]);
      let digests = 0;
      for (const c of contacts) {
        const rows = byContact.get(c.id) ?? [];
        const review = await awaitingReview(c.unit_id);
        if (!rows.length && !review.length) continue;
        const items: DailyDigestItem[] = [];
        const seen = new Set<string>();
        const others: string[] = [];
        for (const r of rows) {
          const d = r.deliverableId ? known.get(r.deliverableId) : undefined;
          if (d && ['reminder', 'overdue', 'escalation'].includes(r.kind)) {
            if (seen.has(d.id)) continue;
            seen.add(d.id);
            items.push({
              planNumber: d.plan_number ?? d.plan_id,
              obligationTitle: d.title,
              unitName: d.unit_name,
              period: d.period,
              dueDate: d.due_date,
              workingDaysLeft: workingDaysLeft(d.due_date, date),
              url: url(d.id),
            });
          } else others.push(r.subject);
        }
        const awaiting: DailyDigestReviewItem[] = review.map((d) => ({
          planNumber: d.plan_number ?? d.plan_id,
          obligationTitle: d.title,
          unitName: d.unit_name,
          period: d.period,
          dueDate: d.due_date,
          submittedAt: new Date(d.submitted_at ?? at).toISOString(),
          url: url(d.id),
        }));
        const mail = renderDailyDigest(
          {
            recipientName: c.unit_name,
            date,
            deliverables: items,
            awaitingReview: awaiting,
            otherNotices: others,
            actUrl: `${deps.publicUrl}/`,
          },
          c.language,
        );
        const key = `mail:daily/digest:${date}/${c.id}`;
        const outcome = await deps.postman.deliver({
          key,
          workflowId: 'mail:daily',
          step: `digest:${date}`,
          kind: 'daily-digest',
          contactId: c.id,
          to: c.email,
          mail,
          at,
          unitId: c.unit_id,
        });
        if (outcome !== 'failed')
          await outbox.markDigested(
            rows.map((r) => r.key),
            key,
          );
        if (outcome === 'sent') digests++;
      }
      // Tomorrow again while submissions wait for a digest contact's review (the digest lists them).
      const [{ more }] = (await ds.query(`SELECT ${AWAITING_DIGEST_REVIEW} AS more`)) as { more: boolean }[];
      return { deferred, digests, more };
    },
  };
}

export type MailActivities = ReturnType<typeof createMailActivities>;
