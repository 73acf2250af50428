import { WorkingCalendar } from '@dondoc/calendar';
import { expandPlan, ScheduledDeliverable } from '@dondoc/domain';
import { OrgRepository, PlanEntity } from '@dondoc/persistence';

/**
 * How long an unused schedule stays in memory (a province's is ~70 MiB): longer than a province's
 * largest opening takes under load (~90 s at load 15), so the activity after it still finds it.
 */
const DEFAULT_KEEP_MS = 5 * 60_000;

/**
 * A plan's whole-term schedule, kept in the worker between the activities that need it. On its issue
 * day a plan asks for it five times within minutes (`planOpenings`, `openPlanPeriod` for each period
 * due, `announcePlan`), and at province scale each computation loads a 156,000-member org and
 * expands it (~1.5 s of CPU, more under load).
 *
 * The schedule is a function of the plan's stored definition and dates, the calendar (fixed for the
 * worker's life) and the stored org. The first are compared whole; the org by its revision
 * (migration 1765700000000), read in the same snapshot as the org when computing and in one query
 * before reuse, so an org changed between two activities (an added unit) is always seen.
 *
 * One entry (the last plan computed), dropped `keepMs` after its last use. Callers must not modify
 * the rows they get.
 */
export class PlanScheduleMemo {
  private entry?: { key: string; revision: string; rows: readonly ScheduledDeliverable[] };
  private expiry?: NodeJS.Timeout;
  /** Computations done (misses), for tests and benchmarks. */
  computed = 0;

  constructor(
    private readonly orgs: OrgRepository,
    private readonly calendar: WorkingCalendar,
    private readonly keepMs = DEFAULT_KEEP_MS,
  ) {}

  /** The whole term's schedule over the org as it now stands (effective dating picks who owes what when). */
  async schedule(plan: PlanEntity): Promise<readonly ScheduledDeliverable[]> {
    const key = JSON.stringify([plan.id, plan.issuedOn, plan.until, plan.definition]);
    const kept = this.entry;
    if (kept?.key === key && kept.revision === (await this.orgs.revision())) {
      this.keep();
      return kept.rows;
    }
    const { tree, revision } = await this.orgs.loadTreeWithRevision();
    const rows = expandPlan(plan.definition, tree, {
      issued: plan.issuedOn,
      until: plan.until ?? undefined,
      calendar: this.calendar,
    });
    this.computed++;
    this.entry = { key, revision, rows };
    this.keep();
    return rows;
  }

  /** Forgets the schedule now. */
  clear(): void {
    clearTimeout(this.expiry);
    this.entry = undefined;
  }

  private keep(): void {
    clearTimeout(this.expiry);
    // unref: a kept schedule never holds the process open.
    this.expiry = setTimeout(() => (this.entry = undefined), this.keepMs).unref();
  }
}
