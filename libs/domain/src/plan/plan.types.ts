import type { IsoDate } from '@dondoc/calendar';
import type { EscalationPolicy } from '../lifecycle/deliverable-terms';
import type { UnitType } from '../org/unit-type';
import type { IssueLimitsOverride } from '../issue/issue-limits';

/**
 * A plan as data (plans/plan.schema.json is the contract, plans/README.md the prose). These types are
 * sandbox-safe: workflows import them and the pure expansion, never the YAML/ajv parser.
 */
export const PLAN_FORMAT = 'dondoc-plan/1';

export interface LocalizedText {
  vi: string;
  en: string;
}

/** Whether a count of days skips days off ("N working days") or not ("N days"). */
export type DayKind = 'calendar' | 'working';

export interface PlanTerm {
  name: LocalizedText;
  start: IsoDate;
  /** Inclusive: the last day of the term as the plan sees it. */
  end: IsoDate;
}

/** How often an obligation falls due; `event` has no due date (a unit reports when something happens). */
export type Recurrence = 'once' | 'yearly' | 'quarterly' | 'event';

/** N (working) days after the plan's issuance (the `issued` date of the preview or the start). */
export interface AfterIssuanceRule {
  kind: 'after-issuance';
  days: number;
  dayKind: DayKind;
}

/**
 * The cascade: N (working) days after the parent obligation's deliverable of the assignee's parent
 * unit is accepted. Before acceptance the date is unknown; the preview assumes acceptance on the
 * parent's (effective) due date.
 */
export interface AfterParentAcceptanceRule {
  kind: 'after-parent-acceptance';
  parent: string;
  days: number;
  dayKind: DayKind;
}

/** A fixed date every year (one period per calendar year of the term). */
export interface YearlyDateRule {
  kind: 'yearly-date';
  month: number;
  day: number;
}

/** The last day of every quarter of the term. */
export interface EndOfQuarterRule {
  kind: 'end-of-quarter';
}

/** N (working) days after another obligation's due date, period by period (a summary of reports). */
export interface AfterObligationDueRule {
  kind: 'after-obligation-due';
  obligation: string;
  days: number;
  dayKind: DayKind;
}

/** month/day of the year `years` after the term's start (or end) year: "sơ kết 3 năm" = start + 3. */
export interface TermRelativeRule {
  kind: 'term-relative';
  anchor: 'start' | 'end';
  years: number;
  month: number;
  day: number;
}

export interface FixedDateRule {
  kind: 'fixed-date';
  date: IsoDate;
}

export type DueRule =
  | AfterIssuanceRule
  | AfterParentAcceptanceRule
  | YearlyDateRule
  | EndOfQuarterRule
  | AfterObligationDueRule
  | TermRelativeRule
  | FixedDateRule;

export type DueRuleKind = DueRule['kind'];

/** Who owes an obligation. Every selector is resolved on the org tree as it stands on the due date. */
export type AssigneeSelector =
  | { kind: 'unit-types'; unitTypes: UnitType[] }
  | { kind: 'levels'; levels: number[]; exceptUnitTypes?: UnitType[] }
  | { kind: 'units'; units: string[] }
  /** Per-person obligation: every person with a membership of a cell of these types. */
  | { kind: 'cell-members'; cellTypes: UnitType[] }
  /** The cascade: children (of these types) of each unit that owes the parent obligation. */
  | { kind: 'children-of-parent-assignees'; unitTypes: UnitType[] };

/** Who receives and judges the submissions: a named unit, or the unit above the assignee (a person's cell). */
export type CollectorRule = { kind: 'unit'; unit: string } | { kind: 'assignee-parent' };

export interface ReminderRule {
  /** Days before the due date; 0 = the morning of the due date. */
  offsets: number[];
  dayKind: DayKind;
}

/** One item of the checklist a submission must cover. */
export interface RequiredContent {
  id: string;
  label: LocalizedText;
}

export interface PlanObligation {
  id: string;
  title: LocalizedText;
  /** The quoted clause or section of the source text this obligation comes from. */
  clause: string;
  notes?: string;
  assignees: AssigneeSelector;
  collector: CollectorRule;
  recurrence: Recurrence;
  /** Absent exactly when `recurrence` is `event`. */
  due?: DueRule;
  /** Overrides `defaults.reminders` of the plan. */
  reminders?: ReminderRule;
  /** Overrides `defaults.escalation` of the plan. */
  escalation?: EscalationPolicy;
  requiredContents: RequiredContent[];
}

/** The plan's own choices where an obligation says nothing: data, never constants in code. */
export interface PlanDefaults {
  reminders: ReminderRule;
  escalation: EscalationPolicy;
}

export interface PlanDefinition {
  format: typeof PLAN_FORMAT;
  /** Slug used in workflow ids, e.g. `22-KH-TU`. */
  id: string;
  /** The document number as printed, e.g. `22-KH/TU`. */
  number: string;
  /** Org unit id of the issuing committee. */
  issuer: string;
  issueDate: IsoDate;
  title: LocalizedText;
  term: PlanTerm;
  source?: string;
  defaults: PlanDefaults;
  /** Time limits of reported issues under this plan (working days); unset ones keep the defaults. */
  issueLimits?: IssueLimitsOverride;
  obligations: PlanObligation[];
}
