import { DataSource, In } from 'typeorm';
import { EscalationTarget } from '@dondoc/domain';
import { ContactEntity, DeliverableEntity, PersonEntity, UnitEntity } from '@dondoc/persistence';

export interface Recipient {
  contact: Pick<ContactEntity, 'id' | 'email' | 'language'>;
  /** A party member reminded of their own commitment registration (not a unit contact). */
  personal?: boolean;
  /** The body the contact speaks for, e.g. "Ban Tuyên giáo Tỉnh ủy". */
  bodyName: string;
  /** Whether this mail goes to the owing unit itself (reminder wording) or to a body above it. */
  owingUnit: boolean;
}

const BODY_TYPES: Partial<Record<EscalationTarget, string>> = { btg: 'ban-tuyen-giao', btv: 'ban-thuong-vu' };
const GRASSROOTS_TYPES = ['dang-bo-co-so', 'chi-bo-co-so', 'chi-bo'];

/**
 * Who is told for a step: the owing unit ('unit' = all its contacts, 'head' = its heads), or a body
 * above it (the collector, the superior of a grassroots unit, BTG, BTV). Each contact once.
 */
export async function resolveRecipients(
  ds: DataSource,
  d: DeliverableEntity,
  targets: readonly (EscalationTarget | 'unit')[],
): Promise<Recipient[]> {
  const units = ds.getRepository(UnitEntity);
  const unit = await units.findOneBy({ id: d.unitId });
  const bodyIds = new Map<string, string>(); // unit id → why
  for (const t of targets) {
    if (t === 'collector' && d.collectorUnitId) bodyIds.set(d.collectorUnitId, t);
    if (t === 'superior' && unit?.parentId && GRASSROOTS_TYPES.includes(unit.type))
      bodyIds.set(unit.parentId, t);
    const bodyType = t === 'unit' ? undefined : BODY_TYPES[t];
    if (bodyType) for (const b of await units.findBy({ type: bodyType })) bodyIds.set(b.id, t);
  }
  bodyIds.delete(d.unitId);
  const own = targets.includes('unit') || targets.includes('head');
  const ids = [...bodyIds.keys(), ...(own ? [d.unitId] : [])];
  if (!ids.length) return [];
  const [contacts, bodies] = await Promise.all([
    ds
      .getRepository(ContactEntity)
      .find({ where: { unitId: In(ids) }, order: { unitId: 'ASC', role: 'ASC', id: 'ASC' } }),
    units.findBy({ id: In(ids) }),
  ]);
  const names = new Map(bodies.map((b) => [b.id, b.name]));
  const headsOnly = !targets.includes('unit');
  return contacts
    .filter((c) => c.unitId !== d.unitId || !headsOnly || c.role === 'head')
    .map((c) => ({
      contact: c,
      bodyName: names.get(c.unitId) ?? c.unitId,
      owingUnit: c.unitId === d.unitId,
    }));
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
