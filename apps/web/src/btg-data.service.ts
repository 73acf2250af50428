import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { vnDateOf } from '@dondoc/calendar';
import { DondocConfig } from '@dondoc/config';
import type { RowScope } from '@dondoc/persistence';
import { createSmtpMailer, Mailer, renderReminder } from '@dondoc/mail';
import { createPostman, MailInFlightError, Postman } from '@dondoc/activities';
import { stepAudience } from '@dondoc/activities/src/deliverable/recipients';
import {
  deliverableMailContext,
  workingDaysLeftOn,
} from '@dondoc/activities/src/deliverable/deliverable-mail';
import { DATA_SOURCE, DONDOC_CONFIG } from '../../api/src/tokens';
import { DeliverablesService } from '../../api/src/deliverables/deliverables.service';
import type { DeliverableDto } from '../../api/src/deliverables/dto/deliverable.dto';
import type { StatusRowDto } from '../../api/src/plans/dto/plan-lifecycle.dto';
import { PlanStatusQuery } from '../../api/src/plans/dto/plan-status.query';
import { PlanReadService } from '../../api/src/plans/plan-read.service';

/** The API process's own pooled mailer for BTG's manual reminders (closed on shutdown). */
export const BTG_MAILER = Symbol('BTG_MAILER');

export const btgMailerProvider: Provider<Mailer> = {
  provide: BTG_MAILER,
  inject: [DONDOC_CONFIG],
  useFactory: (config: DondocConfig) => createSmtpMailer(config.smtpUrl, { pool: true, maxConnections: 2 }),
};

/** Statuses still owed by the unit: the ones a reminder is about. */
const OWED = new Set(['open', 'returned', 'overdue', 'escalated']);
const MAX_ROWS = 5000;

/** Every item of a paged read, page by page, up to `max` (each page `pageSize` long; a short page ends it). */
export async function allPages<T>(
  pageSize: number,
  max: number,
  read: (page: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < max; page++) {
    const r = await read(page);
    out.push(...r.items);
    if (r.items.length < pageSize || out.length >= r.total) break;
  }
  return out;
}

export interface ContactName {
  id: string;
  unitId: string;
  name: string;
  role: string;
}

export interface RemindResult {
  sent: number;
  skipped: number;
  failed: number;
}

/** The step of a manual reminder: one per deliverable and Vietnamese day (the outbox key's uniqueness). */
export const manualReminderStep = (at: Date): string => `manual-reminder:${vnDateOf(at)}`;

/**
 * What the BTG pages read beyond a single service call (every status row of a plan, its periods, the
 * contacts' names), and BTG's manual reminder: mail through the same postman and outbox as the
 * workflow's own reminders, keyed `<workflow id>/manual-reminder:<yyyy-mm-dd>/<contact id>`, so a
 * second click the same day finds the rows `sent` and sends nothing (exactly once per contact per day).
 */
@Injectable()
export class BtgDataService implements OnApplicationShutdown {
  private readonly postman: Postman;

  constructor(
    @Inject(DATA_SOURCE) private readonly ds: DataSource,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
    @Inject(BTG_MAILER) private readonly mailer: Mailer,
    private readonly plans: PlanReadService,
    private readonly deliverables: DeliverablesService,
  ) {
    this.postman = createPostman({
      dataSource: ds,
      mailer,
      mailFrom: config.mailFrom,
      publicUrl: config.publicUrl,
      policy: config.mail,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mailer.close();
  }

  /** Every status row of a plan (and period) in the caller's summary scope, page by page (at most MAX_ROWS). */
  async rows(
    planId: string,
    period: string | undefined,
    scope: RowScope | undefined,
  ): Promise<StatusRowDto[]> {
    return allPages(500, MAX_ROWS, (page) =>
      this.plans.matrix(planId, Object.assign(new PlanStatusQuery(), { page, pageSize: 500, period }), scope),
    );
  }

  /** The periods a plan has deliverables in, in order. */
  async periods(planId: string): Promise<string[]> {
    const rows: Array<{ period: string }> = await this.ds.query(
      'SELECT DISTINCT period FROM deliverables WHERE plan_id = $1 ORDER BY period',
      [planId],
    );
    return rows.map((r) => r.period);
  }

  /** Contacts of the units, by name (no e-mail addresses on the page). */
  async contacts(unitIds: readonly string[]): Promise<Map<string, ContactName[]>> {
    const out = new Map<string, ContactName[]>();
    if (!unitIds.length) return out;
    const rows: Array<{ id: string; unit_id: string; name: string; role: string }> = await this.ds.query(
      'SELECT id, unit_id, name, role FROM contacts WHERE unit_id = ANY($1) ORDER BY unit_id, role, name, id',
      [[...new Set(unitIds)]],
    );
    for (const r of rows)
      out.set(r.unit_id, [
        ...(out.get(r.unit_id) ?? []),
        { id: r.id, unitId: r.unit_id, name: r.name, role: r.role },
      ]);
    return out;
  }

  /** Deliverables (by id) already reminded by hand today: their outbox rows of today's step exist. */
  async remindedToday(ids: readonly string[], at = new Date()): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: Array<{ deliverable_id: string }> = await this.ds.query(
      `SELECT DISTINCT deliverable_id FROM outbox WHERE step = $1 AND deliverable_id = ANY($2) AND status = 'sent'`,
      [manualReminderStep(at), [...ids]],
    );
    return new Set(rows.map((r) => r.deliverable_id));
  }

  /** Overdue rows still owed (not submitted): who a manual reminder is for. */
  static overdue(rows: readonly StatusRowDto[]): StatusRowDto[] {
    return rows.filter((r) => r.bucket === 'not-done-overdue' && OWED.has(r.status));
  }

  /**
   * Mails a reminder to every contact of each deliverable's owing unit, at once (BTG's own action:
   * neither the send window nor the daily digest holds it back), exactly once per contact and day.
   */
  async remind(ids: readonly string[], at = new Date()): Promise<RemindResult> {
    const result: RemindResult = { sent: 0, skipped: 0, failed: 0 };
    const step = manualReminderStep(at);
    for (const id of ids) {
      const d = await this.deliverables.get(id);
      if (!OWED.has(d.status)) continue;
      const { unitName, recipients } = await stepAudience(this.ds, d, ['unit']);
      for (const r of recipients) {
        const mail = renderReminder(this.context(d, unitName ?? d.unitId, at), r.contact.language);
        try {
          const outcome = await this.postman.deliver({
            key: `${d.workflowId}/${step}/${r.contact.id}`,
            workflowId: d.workflowId,
            step,
            kind: 'reminder',
            contactId: r.contact.id,
            to: r.contact.email,
            mail,
            at: at.toISOString(),
            deliverableId: d.id,
            unitId: d.unitId,
            planId: d.planId,
            digest: false,
            immediate: true,
          });
          if (outcome === 'sent') result.sent++;
          else if (outcome === 'already-sent') result.skipped++;
          else result.failed++;
        } catch (e) {
          // A concurrent click holds the row's lease and is sending it: this one must not.
          if (e instanceof MailInFlightError) result.skipped++;
          else result.failed++;
        }
      }
    }
    return result;
  }

  private context(d: DeliverableDto, unitName: string, at: Date) {
    return deliverableMailContext(
      d,
      unitName,
      workingDaysLeftOn(d.dueDate, at.toISOString()),
      `${this.config.publicUrl}/ui/deliverables/${encodeURIComponent(d.id)}`,
    );
  }
}

/** What the BTG pages need besides the modules WebModule imports (PlansModule gives PlanReadService). */
export const BTG_PROVIDERS: Provider[] = [BtgDataService, btgMailerProvider];
