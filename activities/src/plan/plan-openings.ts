import { IsoDate } from '@dondoc/calendar';
import { PlanDefinition, ScheduledDeliverable } from '@dondoc/domain';
import { openingInstant, periodOpensOn } from './plan-deliverable-input';

export interface PlanOpening {
  at: string;
  period: string;
  /** Set when only these obligations open now (a summary opens when what it summarises falls due). */
  obligations?: string[];
  /** Unique per opening: the period, or `<period>/<obligation>` for a summary. */
  key: string;
}

/** What an obligation's due rule makes of it, looked up once per plan instead of once per row. */
export interface ObligationRoles {
  /** Opened by the cascade when its parent is accepted, never by a period. */
  isCascadeChild(obligationId: string): boolean;
  /** The obligation a summary summarises (its due rule counts from that one's due date), if any. */
  summarised(obligationId: string): string | undefined;
}

export function obligationRoles(def: PlanDefinition): ObligationRoles {
  const dues = new Map(def.obligations.map((o) => [o.id, o.due]));
  return {
    isCascadeChild: (id) => dues.get(id)?.kind === 'after-parent-acceptance',
    summarised: (id) => {
      const due = dues.get(id);
      return due?.kind === 'after-obligation-due' ? due.obligation : undefined;
    },
  };
}

/**
 * When each period of the plan opens (cascade children and event-driven obligations excluded), in
 * order. A province's schedule has ~800,000 rows (a row per member and year) but a few dozen
 * (obligation, period) pairs, so the rows are reduced to those pairs first.
 */
export function planOpeningsOf(
  def: PlanDefinition,
  issuedOn: IsoDate,
  rows: readonly ScheduledDeliverable[],
): PlanOpening[] {
  const roles = obligationRoles(def);
  // Per obligation and period: the due date of its last row (any row), and whether any row is due.
  const lastDue = new Map<string, Map<string, IsoDate | null>>();
  const due = new Map<string, Set<string>>();
  for (const r of rows) {
    let byPeriod = lastDue.get(r.obligationId);
    if (!byPeriod) lastDue.set(r.obligationId, (byPeriod = new Map()));
    byPeriod.set(r.period, r.dueDate);
    if (r.dueDate === null) continue;
    let periods = due.get(r.obligationId);
    if (!periods) due.set(r.obligationId, (periods = new Set()));
    periods.add(r.period);
  }
  const byKey = new Map<string, PlanOpening>();
  for (const [obligationId, periods] of due) {
    if (roles.isCascadeChild(obligationId)) continue;
    const summarised = roles.summarised(obligationId);
    for (const period of periods) {
      if (summarised) {
        // BTG's summary opens once the reports it summarises fall due, not at the start of the year.
        const key = `${period}/${obligationId}`;
        const day = lastDue.get(summarised)?.get(period) ?? periodOpensOn(period, issuedOn);
        byKey.set(key, { key, period, obligations: [obligationId], at: openingInstant(day) });
      } else {
        byKey.set(period, { key: period, period, at: openingInstant(periodOpensOn(period, issuedOn)) });
      }
    }
  }
  const openings = [...byKey.values()];
  openings.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
  return openings;
}
