import type { Role } from '../src/auth/principal';

/**
 * The expected access of every endpoint, written out by hand (not derived from the @Access rules
 * it checks). `roles`: who may call it at all; `scope`: the resource its `scopeParam` names, which
 * must lie within the caller's organisation (SCOPE_FIXTURE says which seeded resource is inside and
 * which outside for each role).
 */
export interface RouteCase {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** As in the OpenAPI document, e.g. /deliverables/{id}/review. */
  path: string;
  roles: readonly Role[] | 'public';
  scope?: ScopeKind;
  scopeParam?: string;
  /** Fixed values of other path parameters (else Fixture.params by name). */
  params?: Record<string, string>;
  /** Signing out ends the session: call it with a session of its own, not the role's shared one. */
  freshSession?: boolean;
  /** Only the fields the access guard reads (acting units, persons); the route may refuse the rest. */
  body?: (unitId: string, fx: Fixture, personId?: string) => object;
}

export type ScopeKind = 'deliverable' | 'issue' | 'unit' | 'contact' | 'mail';

/** Seeded resources: D_ deliverables, I_ issues, U_ units, C_ contacts, M_ mail (outbox keys). */
export type Kind =
  | 'D_OWN'
  | 'D_GRASS'
  | 'D_OUT'
  | 'D_CELL'
  | 'I_OWN'
  | 'I_OUT'
  | 'U_SUB'
  | 'U_OUT'
  | 'U_CELL'
  | 'U_OWN'
  | 'C_OWN'
  | 'C_OUT'
  | 'M_OWN'
  | 'M_OUT';

export interface Fixture {
  ids: Record<Kind, string>;
  params: Record<string, string>;
}

/** Each role's account in the Bắc Ninh 2021 fixture. */
export const ROLE_UNITS: Record<Role, { unitId?: string; personId?: string }> = {
  admin: {},
  btg: { unitId: 'BTG-TU' },
  btv: { unitId: 'BTV-TU' },
  // Huyện ủy Tiên Du: Đảng ủy xã Lim (DBCS-TD-LIM) and its cells are under it; Yên Phong is not.
  officer: { unitId: 'HU-TIEN-DU' },
  member: { unitId: 'CB-TD-LIM-LUNG-GIANG', personId: 'DV-0001' },
};

/** For each kind of resource and role: one it should see (in) and, where its scope ends, one it should not (out). */
export const SCOPE_FIXTURE: Record<ScopeKind, Partial<Record<Role, { in: Kind; out?: Kind }>>> = {
  deliverable: {
    admin: { in: 'D_OWN' },
    btg: { in: 'D_OWN', out: 'D_GRASS' }, // BTG collects from level 1, not from Tiên Du's grassroots
    btv: { in: 'D_OWN' },
    officer: { in: 'D_GRASS', out: 'D_OUT' },
    member: { in: 'D_CELL', out: 'D_OWN' },
  },
  issue: {
    admin: { in: 'I_OWN' },
    btg: { in: 'I_OUT' }, // BTG handles every reported issue
    btv: { in: 'I_OUT', out: 'I_OWN' }, // I_OUT was escalated, I_OWN not
    officer: { in: 'I_OWN', out: 'I_OUT' },
    member: { in: 'I_OWN' },
  },
  unit: {
    admin: { in: 'U_OUT' },
    btg: { in: 'U_OUT' },
    btv: { in: 'U_OUT' },
    officer: { in: 'U_SUB', out: 'U_OUT' },
    member: { in: 'U_CELL', out: 'U_OWN' },
  },
  contact: {
    admin: { in: 'C_OUT' },
    btg: { in: 'C_OUT' },
    btv: { in: 'C_OUT' },
    officer: { in: 'C_OWN', out: 'C_OUT' },
    member: { in: 'C_OWN' },
  },
  mail: {
    admin: { in: 'M_OUT' },
    btg: { in: 'M_OWN' },
    btv: { in: 'M_OWN' },
    officer: { in: 'M_OWN', out: 'M_OUT' },
    member: { in: 'M_OWN' },
  },
};

const ANY: readonly Role[] = ['admin', 'btg', 'btv', 'officer', 'member'];
const ADMIN: readonly Role[] = ['admin'];
const PLAN_MANAGERS: readonly Role[] = ['admin', 'btg'];
const READERS: readonly Role[] = ['admin', 'btg', 'officer', 'member'];
const COLLECTORS: readonly Role[] = ['admin', 'btg', 'officer'];
const ISSUE_ACTORS: readonly Role[] = ['admin', 'btg', 'btv', 'officer'];
const ORG_READERS: readonly Role[] = ['admin', 'btg', 'btv', 'officer'];
const PLAN = { id: '22-KH-TU' };

const d = (
  method: RouteCase['method'],
  path: string,
  roles: readonly Role[],
  body?: RouteCase['body'],
): RouteCase => ({
  method,
  path,
  roles,
  scope: 'deliverable',
  scopeParam: 'id',
  body,
});
const issueCommand = (name: string): RouteCase => ({
  method: 'post',
  path: `/issues/{id}/${name}`,
  roles: ISSUE_ACTORS,
  scope: 'issue',
  scopeParam: 'id',
  body: (unit) => ({ byUnitId: unit }),
});

export const ACCESS_ROUTES: RouteCase[] = [
  { method: 'get', path: '/health', roles: 'public' },
  // Plans
  { method: 'get', path: '/plans', roles: ANY },
  { method: 'post', path: '/plans', roles: PLAN_MANAGERS },
  { method: 'post', path: '/plans/validate', roles: PLAN_MANAGERS },
  { method: 'post', path: '/plans/preview', roles: PLAN_MANAGERS },
  { method: 'get', path: '/plans/{id}', roles: ANY, params: PLAN },
  { method: 'get', path: '/plans/{id}/status', roles: ['admin', 'btg', 'btv', 'officer'], params: PLAN },
  { method: 'post', path: '/plans/{id}/cancel', roles: PLAN_MANAGERS, params: PLAN },
  { method: 'post', path: '/plans/{id}/amendments', roles: PLAN_MANAGERS, params: PLAN },
  { method: 'get', path: '/plans/{id}/acknowledgements', roles: PLAN_MANAGERS, params: PLAN },
  { method: 'get', path: '/plans/{id}/acknowledge', roles: 'public', params: PLAN },
  // Deliverables
  { method: 'post', path: '/deliverables', roles: PLAN_MANAGERS },
  { method: 'get', path: '/deliverables', roles: READERS },
  d('get', '/deliverables/{id}', READERS),
  d('get', '/deliverables/{id}/events', READERS),
  d('get', '/deliverables/{id}/documents', READERS),
  d('get', '/deliverables/{id}/documents/{documentId}', READERS),
  d('post', '/deliverables/{id}/review', COLLECTORS, (unit) => ({ reviewerUnitId: unit })),
  d('post', '/deliverables/{id}/extension', COLLECTORS, (unit) => ({ grantedByUnitId: unit })),
  d('post', '/deliverables/{id}/waiver', COLLECTORS, (unit) => ({ byUnitId: unit })),
  d('post', '/deliverables/{id}/registrations', ['admin', 'officer', 'member'], (_u, _fx, personId) => ({
    personId: personId ?? 'DV-0001',
  })),
  d('post', '/deliverables/{id}/submissions', ['admin', 'officer'], (unit) => ({ unitId: unit })),
  d('get', '/deliverables/{id}/mail', COLLECTORS),
  // Issues
  { method: 'post', path: '/issues', roles: ISSUE_ACTORS, body: (unit) => ({ reporterUnitId: unit }) },
  { method: 'get', path: '/issues', roles: ISSUE_ACTORS },
  { method: 'get', path: '/issues/summary', roles: ['admin', 'btg', 'btv'] },
  { method: 'get', path: '/issues/{id}', roles: ISSUE_ACTORS, scope: 'issue', scopeParam: 'id' },
  {
    method: 'get',
    path: '/issues/{id}/attachments/{attachmentId}',
    roles: ISSUE_ACTORS,
    scope: 'issue',
    scopeParam: 'id',
  },
  ...[
    'acknowledgement',
    'handler',
    'information-requests',
    'information-answers',
    'escalation',
    'directions',
    'resolution',
    'closure',
    'reopening',
  ].map(issueCommand),
  // Mail
  { method: 'get', path: '/mail', roles: ADMIN },
  { method: 'get', path: '/mail/{key}', roles: ADMIN, scope: 'mail', scopeParam: 'key' },
  { method: 'post', path: '/mail/{key}/resend', roles: ADMIN, scope: 'mail', scopeParam: 'key' },
  // Admin workflow inspection and repair (bodies stay empty here: an allowed call is refused as 400, changing nothing)
  { method: 'get', path: '/admin/workflows', roles: ADMIN },
  { method: 'get', path: '/admin/workflows/{workflowId}', roles: ADMIN },
  { method: 'get', path: '/admin/workflows/{workflowId}/history', roles: ADMIN },
  { method: 'get', path: '/admin/workflows/{workflowId}/timeline', roles: ADMIN },
  { method: 'post', path: '/admin/workflows/{workflowId}/signal', roles: ADMIN },
  { method: 'post', path: '/admin/workflows/{workflowId}/update', roles: ADMIN },
  { method: 'post', path: '/admin/workflows/{workflowId}/terminate', roles: ADMIN },
  { method: 'post', path: '/admin/workflows/{workflowId}/reset', roles: ADMIN },
  {
    method: 'get',
    path: '/contacts/{id}/mail',
    roles: ['admin', 'officer'],
    scope: 'contact',
    scopeParam: 'id',
  },
  // Organisation
  { method: 'post', path: '/org/import', roles: ADMIN },
  { method: 'get', path: '/org/export', roles: ADMIN },
  { method: 'get', path: '/units', roles: ORG_READERS },
  { method: 'get', path: '/units/{id}', roles: ORG_READERS, scope: 'unit', scopeParam: 'id' },
  { method: 'post', path: '/units', roles: ADMIN },
  { method: 'patch', path: '/units/{id}', roles: ADMIN, params: { id: 'HU-YEN-PHONG' } },
  { method: 'get', path: '/units/{id}/contacts', roles: ORG_READERS, scope: 'unit', scopeParam: 'id' },
  {
    method: 'post',
    path: '/units/{id}/contacts',
    roles: ['admin', 'officer'],
    scope: 'unit',
    scopeParam: 'id',
  },
  {
    method: 'patch',
    path: '/contacts/{id}',
    roles: ['admin', 'officer'],
    scope: 'contact',
    scopeParam: 'id',
  },
  {
    method: 'delete',
    path: '/contacts/{id}',
    roles: ['admin', 'officer'],
    scope: 'contact',
    scopeParam: 'id',
  },
  // Accounts and sign-in
  { method: 'post', path: '/auth/login', roles: 'public' },
  { method: 'post', path: '/auth/logout', roles: ANY, freshSession: true },
  { method: 'get', path: '/auth/me', roles: ANY },
  { method: 'post', path: '/auth/password', roles: ANY },
  { method: 'get', path: '/accounts', roles: ADMIN },
  { method: 'post', path: '/accounts', roles: ADMIN },
  { method: 'get', path: '/accounts/{id}', roles: ADMIN },
  { method: 'patch', path: '/accounts/{id}', roles: ADMIN },
  { method: 'post', path: '/accounts/{id}/password', roles: ADMIN },
  // Audit log
  { method: 'get', path: '/audit', roles: ADMIN },
  { method: 'get', path: '/audit/export.csv', roles: ADMIN },
];
