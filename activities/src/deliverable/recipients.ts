import { DataSource, In } from 'typeorm';
import { EscalationTarget } from '@dondoc/domain';
import { ContactEntity, DeliverableEntity, PersonEntity } from '@dondoc/persistence';

export interface Recipient {
  contact: Pick<ContactEntity, 'id' | 'email' | 'language'> & { digest?: boolean };
  /** A party member reminded of their own commitment registration (not a unit contact). */
  personal?: boolean;
  /** The body the contact speaks for, e.g. "Ban Tuyên giáo Tỉnh ủy". */
  bodyName: string;
  /** That body's unit id (none for a member's own mail). */
  unitId?: string;
  /** Whether this mail goes to the owing unit itself (reminder wording) or to a body above it. */
  owingUnit: boolean;
}

const BODY_TYPES: Partial<Record<EscalationTarget, string>> = { btg: 'ban-tuyen-giao', btv: 'ban-thuong-vu' };
const GRASSROOTS_TYPES = ['dang-bo-co-so', 'chi-bo-co-so', 'chi-bo'];

interface AudienceRow {
  id: string;
  name: string;
  type: string;
  parent_id: string | null;
  contact_id: string | null;
  email: string | null;
  language: ContactEntity['language'] | null;
  role: ContactEntity['role'] | null;
  digest: boolean | null;
}

/** A step's audience and the owing unit's name (for the mail's wording). */
export interface StepAudience {
  unitName: string | null;
  recipients: Recipient[];
}

/**
 * Who is told for a step: the owing unit ('unit' = all its contacts, 'head' = its heads), or a body
 * above it (the collector, the superior of a grassroots unit, BTG, BTV). Each contact once. One
 * query for every unit the step can concern, with their contacts: a term sends ~10⁴ mails.
 */
export async function stepAudience(
  ds: DataSource,
  d: Pick<DeliverableEntity, 'unitId' | 'collectorUnitId'>,
  targets: readonly (EscalationTarget | 'unit')[],
): Promise<StepAudience> {
  const bodyTypes = targets.map((t) => (t === 'unit' ? undefined : BODY_TYPES[t])).filter(Boolean);
  const rows = (await ds.query(
    `SELECT u.id, u.name, u.type, u.parent_id, c.id AS contact_id, c.email, c.language, c.role, c.digest
       FROM units u LEFT JOIN contacts c ON c.unit_id = u.id
      WHERE u.id = $1 OR u.id = $2 OR u.type = ANY($3::text[])
         OR u.id = (SELECT parent_id FROM units WHERE id = $1)
      ORDER BY u.id, c.role, c.id`,
    [d.unitId, d.collectorUnitId ?? null, bodyTypes],
  )) as AudienceRow[];
  const unit = rows.find((r) => r.id === d.unitId);
  const bodyIds = new Map<string, string>(); // unit id → why
  for (const t of targets) {
    if (t === 'collector' && d.collectorUnitId) bodyIds.set(d.collectorUnitId, t);
    if (t === 'superior' && unit?.parent_id && GRASSROOTS_TYPES.includes(unit.type))
      bodyIds.set(unit.parent_id, t);
    const bodyType = t === 'unit' ? undefined : BODY_TYPES[t];
    if (bodyType) for (const b of rows) if (b.type === bodyType) bodyIds.set(b.id, t);
  }
  bodyIds.delete(d.unitId);
  const own = targets.includes('unit') || targets.includes('head');
  const ids = new Set([...bodyIds.keys(), ...(own ? [d.unitId] : [])]);
  const headsOnly = !targets.includes('unit');
  const recipients = rows
    .filter((c) => c.contact_id && ids.has(c.id))
    .filter((c) => c.id !== d.unitId || !headsOnly || c.role === 'head')
    .map((c) => ({
      contact: { id: c.contact_id!, email: c.email!, language: c.language!, digest: c.digest ?? false },
      bodyName: c.name,
      unitId: c.id,
      owingUnit: c.id === d.unitId,
    }));
  return { unitName: unit?.name ?? null, recipients };
}

export async function resolveRecipients(
  ds: DataSource,
  d: Pick<DeliverableEntity, 'unitId' | 'collectorUnitId'>,
  targets: readonly (EscalationTarget | 'unit')[],
): Promise<Recipient[]> {
  return (await stepAudience(ds, d, targets)).recipients;
}

/** Members who still owe their registration and have a mailbox; addressed by name, in their language. */
export async function memberRecipients(ds: DataSource, personIds: string[]): Promise<Recipient[]> {
  if (!personIds.length) return [];
  const people = await ds
    .getRepository(PersonEntity)
    .find({ where: { id: In(personIds) }, order: { id: 'ASC' } });
  return people
    .filter((p) => p.email)
    .map((p) => ({
      contact: { id: p.id, email: p.email!, language: p.language },
      personal: true,
      bodyName: `${p.language === 'vi' ? 'đồng chí' : ''} ${p.name}`.trim(),
      owingUnit: true,
    }));
}
