/**
 * Who is calling. Set on the request by the authentication guard (auth.guard.ts) from a bearer token
 * or the session cookie; read by the access guard (../authz) and by services that scope queries.
 */
export const ROLES = ['admin', 'btg', 'btv', 'officer', 'member'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  accountId: string;
  username: string;
  role: Role;
  /**
   * The unit the account acts for: an officer's own unit; BTG's and BTV's own unit (e.g. BTG-TU,
   * BTV-TU); null for admin. A member's cell.
   */
  unitId: string | null;
  /** A member's person id (commitment registrations); null otherwise. */
  personId: string | null;
  sessionId: string;
  /** How the request authenticated: cookie sessions need the CSRF header on unsafe methods. */
  via: 'bearer' | 'cookie';
}

/** Express requests carry the principal once authenticated; undefined on public routes. */
declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
