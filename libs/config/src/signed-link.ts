import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Links in mail that act without a login (a unit acknowledging a plan) carry an HMAC of what they
 * do, keyed by LINK_SECRET: the link cannot be forged for another plan or unit, and holds no secret.
 */
export function ackToken(secret: string, planId: string, unitId: string): string {
  return createHmac('sha256', secret).update(`plan-ack\n${planId}\n${unitId}`).digest('base64url');
}

export function isValidAckToken(secret: string, planId: string, unitId: string, token: string): boolean {
  const want = Buffer.from(ackToken(secret, planId, unitId));
  const got = Buffer.from(token);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** The acknowledgement link of a plan-issued mail. */
export function planAckUrl(publicUrl: string, secret: string, planId: string, unitId: string): string {
  const q = new URLSearchParams({ unit: unitId, token: ackToken(secret, planId, unitId) });
  return `${publicUrl}/plans/${encodeURIComponent(planId)}/acknowledge?${q}`;
}
