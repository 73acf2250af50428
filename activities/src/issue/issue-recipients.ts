import { DataSource, In } from 'typeorm';
import { ContactEntity, UnitEntity } from '@dondoc/persistence';

export interface IssueRecipient {
  /** Outbox key part: the contact id, or `reporter` for the reporting person's own address. */
  keyPart: string;
  contactId: string | null;
  email: string;
  language: 'vi' | 'en';
  bodyName: string;
  toReporter: boolean;
}

/**
 * Every contact of the units told, each once, in a stable order; plus the reporting person's own
 * address (kept in PostgreSQL, never in the workflow) when they left one.
 */
export async function issueRecipients(
  ds: DataSource,
  o: { unitIds: string[]; reporterUnitId: string; reporterEmail: string | null },
): Promise<IssueRecipient[]> {
  const [contacts, units] = await Promise.all([
    ds
      .getRepository(ContactEntity)
      .find({ where: { unitId: In(o.unitIds) }, order: { unitId: 'ASC', role: 'ASC', id: 'ASC' } }),
    ds.getRepository(UnitEntity).findBy({ id: In(o.unitIds) }),
  ]);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const result: IssueRecipient[] = contacts.map((c) => ({
    keyPart: c.id,
    contactId: c.id,
    email: c.email,
    language: c.language,
    bodyName: names.get(c.unitId) ?? c.unitId,
    toReporter: c.unitId === o.reporterUnitId,
  }));
  if (o.reporterEmail && !result.some((r) => r.email === o.reporterEmail))
    result.push({
      keyPart: 'reporter',
      contactId: null,
      email: o.reporterEmail,
      language: 'vi',
      bodyName: names.get(o.reporterUnitId) ?? o.reporterUnitId,
      toReporter: true,
    });
  return result;
}
