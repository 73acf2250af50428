/** Identifiers that end up in workflow ids and URLs: letters, digits, dot, dash, underscore. */
export const SLUG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

/** One deliverable = one unit's obligation of one plan for one period. */
export interface DeliverableKey {
  planId: string;
  obligationId: string;
  unitId: string;
  period: string;
}

export function deliverableId(k: DeliverableKey): string {
  return `${k.planId}:${k.obligationId}:${k.unitId}:${k.period}`;
}

/** Business-key workflow id: starting the same deliverable twice is a no-op, not a duplicate. */
export function deliverableWorkflowId(k: DeliverableKey): string {
  return `deliverable:${deliverableId(k)}`;
}

export function parseDeliverableId(id: string): DeliverableKey | undefined {
  const parts = id.split(':');
  if (parts.length !== 4 || !parts.every((p) => SLUG_PATTERN.test(p))) return undefined;
  const [planId, obligationId, unitId, period] = parts;
  return { planId, obligationId, unitId, period };
}
