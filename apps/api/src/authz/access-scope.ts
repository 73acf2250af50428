import type { RowScope } from '@dondoc/persistence';
import type { Principal, Role } from '../auth/principal';

/**
 * What one caller may see and act for, resolved once per request from its role and unit. Lists are
 * filtered with it (query scoping) and single resources checked against it (access.guard.ts); both
 * read the same object, so the list and the detail can never disagree.
 */
export interface AccessScope {
  role: Role;
  /** admin: no restriction at all. */
  all: boolean;
  /** Units whose own rows it sees: deliverables they owe, issues they report, mail about them. */
  units: readonly string[];
  /** Collector / handler units: the deliverables they collect and the issues they handle. */
  collects: readonly string[];
  /** Units it may name as the actor of a command (reviewerUnitId, byUnitId …). */
  acting: readonly string[];
  /** BTG and BTV watch the whole organisation tree (units and their contacts, read-only). */
  seesAllUnits: boolean;
  /** Which reported issues beyond its own: BTG handles all of them, BTV those escalated to it. */
  issues: 'all' | 'escalated' | 'own';
  personId: string | null;
}

/** The scope of a principal given the subtree (the unit and every unit under it) of its unit. */
export function scopeOf(p: Principal, subtree: readonly string[]): AccessScope {
  const own = p.unitId ? [p.unitId] : [];
  const base = { role: p.role, all: false, personId: p.personId, seesAllUnits: false };
  switch (p.role) {
    case 'admin':
      return { ...base, all: true, units: [], collects: [], acting: [], seesAllUnits: true, issues: 'all' };
    case 'btg':
      return { ...base, units: subtree, collects: subtree, acting: own, seesAllUnits: true, issues: 'all' };
    case 'btv':
      return { ...base, units: own, collects: own, acting: own, seesAllUnits: true, issues: 'escalated' };
    case 'officer':
      return { ...base, units: subtree, collects: subtree, acting: subtree, issues: 'own' };
    case 'member':
      return { ...base, units: own, collects: [], acting: own, issues: 'own' };
  }
}

export interface DeliverableRef {
  unitId: string;
  collectorUnitId: string | null;
}
export interface IssueRef {
  reporterUnitId: string;
  handlerUnitId: string | null;
  escalatedAt: Date | string | null;
}
export interface MailRef {
  unitId: string | null;
  deliverable: DeliverableRef | null;
}

export const seesUnit = (s: AccessScope, unitId: string): boolean =>
  s.all || s.seesAllUnits || s.units.includes(unitId);

export const seesDeliverable = (s: AccessScope, d: DeliverableRef): boolean =>
  s.all ||
  s.units.includes(d.unitId) ||
  (d.collectorUnitId !== null && s.collects.includes(d.collectorUnitId));

export const seesIssue = (s: AccessScope, i: IssueRef): boolean =>
  s.all ||
  s.issues === 'all' ||
  (s.issues === 'escalated' && i.escalatedAt !== null) ||
  s.units.includes(i.reporterUnitId) ||
  (i.handlerUnitId !== null && s.collects.includes(i.handlerUnitId));

/** Mail is personal data: only the units it concerns (or the deliverable's collectors) see it. */
export const seesMail = (s: AccessScope, m: MailRef): boolean =>
  s.all ||
  (m.unitId !== null && s.units.includes(m.unitId)) ||
  (m.deliverable !== null && seesDeliverable(s, m.deliverable));

export const mayActFor = (s: AccessScope, unitId: string): boolean => s.all || s.acting.includes(unitId);

export function deliverableRowScope(s: AccessScope): RowScope | undefined {
  return s.all ? undefined : { units: s.units, collects: s.collects };
}

export function issueRowScope(s: AccessScope): RowScope | undefined {
  if (s.all || s.issues === 'all') return undefined;
  return { units: s.units, collects: s.collects, escalated: s.issues === 'escalated' };
}

export function unitRowScope(s: AccessScope): readonly string[] | undefined {
  return s.all || s.seesAllUnits ? undefined : s.units;
}

/** Summaries (the plan status matrix): BTG and BTV see the whole organisation, others their rows. */
export function summaryRowScope(s: AccessScope): RowScope | undefined {
  return s.all || s.seesAllUnits ? undefined : deliverableRowScope(s);
}
