import type { Principal, Role } from '../auth/principal';
import {
  deliverableRowScope,
  issueRowScope,
  mayActFor,
  scopeOf,
  seesDeliverable,
  seesIssue,
  seesMail,
  seesUnit,
  summaryRowScope,
} from './access-scope';
import { bodyProblems } from './acting-units';

const principal = (role: Role, unitId: string | null, personId: string | null = null): Principal => ({
  accountId: 'a',
  username: 'u',
  role,
  unitId,
  personId,
  sessionId: 's',
  via: 'bearer',
});

// HU-TIEN-DU owns DU-XA-LAC-VE; BTG-TU collects from both.
const officer = scopeOf(principal('officer', 'HU-TIEN-DU'), ['HU-TIEN-DU', 'DU-XA-LAC-VE']);
const grassroots = scopeOf(principal('officer', 'DU-XA-LAC-VE'), ['DU-XA-LAC-VE']);
const btg = scopeOf(principal('btg', 'BTG-TU'), ['BTG-TU']);
const btv = scopeOf(principal('btv', 'BTV-TU'), ['BTV-TU']);
const admin = scopeOf(principal('admin', null), []);
const member = scopeOf(principal('member', 'CB-1', 'P-7'), ['CB-1']);

describe('access scope', () => {
  it('an officer sees its own unit and the units under it, not its parent or siblings', () => {
    expect(seesUnit(officer, 'DU-XA-LAC-VE')).toBe(true);
    expect(seesUnit(officer, 'HU-YEN-PHONG')).toBe(false);
    expect(seesUnit(grassroots, 'HU-TIEN-DU')).toBe(false);
    expect(seesDeliverable(officer, { unitId: 'DU-XA-LAC-VE', collectorUnitId: 'HU-TIEN-DU' })).toBe(true);
    expect(seesDeliverable(grassroots, { unitId: 'HU-YEN-PHONG', collectorUnitId: 'BTG-TU' })).toBe(false);
  });

  it('BTG sees what it collects and every unit, but acts only as itself', () => {
    expect(seesDeliverable(btg, { unitId: 'HU-TIEN-DU', collectorUnitId: 'BTG-TU' })).toBe(true);
    expect(seesDeliverable(btg, { unitId: 'DU-XA-LAC-VE', collectorUnitId: 'HU-TIEN-DU' })).toBe(false);
    expect(seesUnit(btg, 'DU-XA-LAC-VE')).toBe(true);
    expect(mayActFor(btg, 'BTG-TU')).toBe(true);
    expect(mayActFor(btg, 'HU-TIEN-DU')).toBe(false);
  });

  it('BTV sees escalated issues only, and summaries of everything', () => {
    const issue = { reporterUnitId: 'HU-TIEN-DU', handlerUnitId: 'BTG-TU', escalatedAt: null };
    expect(seesIssue(btv, issue)).toBe(false);
    expect(seesIssue(btv, { ...issue, escalatedAt: new Date() })).toBe(true);
    expect(issueRowScope(btv)).toEqual({ units: ['BTV-TU'], collects: ['BTV-TU'], escalated: true });
    expect(summaryRowScope(btv)).toBeUndefined();
    expect(seesIssue(btg, issue)).toBe(true);
    expect(issueRowScope(btg)).toBeUndefined();
  });

  it('an officer sees the issues its units reported, not others', () => {
    expect(
      seesIssue(officer, { reporterUnitId: 'DU-XA-LAC-VE', handlerUnitId: null, escalatedAt: null }),
    ).toBe(true);
    expect(
      seesIssue(officer, { reporterUnitId: 'HU-YEN-PHONG', handlerUnitId: null, escalatedAt: null }),
    ).toBe(false);
  });

  it('admin is never narrowed', () => {
    expect(deliverableRowScope(admin)).toBeUndefined();
    expect(seesMail(admin, { unitId: null, deliverable: null })).toBe(true);
    expect(mayActFor(admin, 'ANY')).toBe(true);
  });

  it('mail is seen by the units it concerns or the collectors of its deliverable', () => {
    expect(seesMail(officer, { unitId: 'DU-XA-LAC-VE', deliverable: null })).toBe(true);
    expect(seesMail(grassroots, { unitId: 'HU-TIEN-DU', deliverable: null })).toBe(false);
    const d = { unitId: 'HU-YEN-PHONG', collectorUnitId: 'BTG-TU' };
    expect(seesMail(btg, { unitId: null, deliverable: d })).toBe(true);
  });

  it('names each body field that acts for a unit or person not the caller’s', () => {
    const rule = { roles: ['officer', 'member'] as Role[], actingUnitFields: ['reviewerUnitId'] };
    expect(bodyProblems(rule, officer, { reviewerUnitId: 'DU-XA-LAC-VE' })).toEqual([]);
    expect(bodyProblems(rule, grassroots, { reviewerUnitId: 'HU-TIEN-DU' })).toEqual([
      { field: 'reviewerUnitId', reason: 'you may not act for unit HU-TIEN-DU' },
    ]);
    const self = { roles: ['member'] as Role[], selfPersonFields: ['personId'] };
    expect(bodyProblems(self, member, { personId: 'P-7' })).toEqual([]);
    expect(bodyProblems(self, member, { personId: 'P-8' })).toEqual([
      { field: 'personId', reason: 'a member may only act for itself' },
    ]);
    expect(bodyProblems(self, officer, { personId: 'P-8' })).toEqual([]);
  });
});
