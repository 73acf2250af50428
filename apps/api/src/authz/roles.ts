import type { Role } from '../auth/principal';

/** Who does what, by role; the organisational scope narrows each further (access-scope.ts). */
export const DELIVERABLE_READERS: readonly Role[] = ['admin', 'btg', 'officer', 'member'];
/** Collectors: BTG for what it collects, a level-1 officer for its grassroots units' plans. */
export const COLLECTORS: readonly Role[] = ['admin', 'btg', 'officer'];
/** A unit hands in its own documents through its officer. */
export const SUBMITTERS: readonly Role[] = ['admin', 'officer'];
/** Issuing, amending and cancelling plans: BTG on the committee's behalf. */
export const PLAN_MANAGERS: readonly Role[] = ['admin', 'btg'];
/** Summaries of the whole organisation: the plan status matrix, issue summaries. */
export const SUMMARY_READERS: readonly Role[] = ['admin', 'btg', 'btv', 'officer'];
/** Reported issues: units report and answer, BTG handles, BTV directs. */
export const ISSUE_ACTORS: readonly Role[] = ['admin', 'btg', 'btv', 'officer'];
export const ADMIN_ONLY: readonly Role[] = ['admin'];
