import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Contact, DomainException } from '@dondoc/domain';
import { ProblemList } from '@dondoc/domain/src/org/org-problems';
import { readContact } from '@dondoc/domain/src/org/org-records';
import {
  ContactRemoval,
  contactNotFound,
  OrgRepository,
  StoredContact,
  unitNotFound,
} from '@dondoc/persistence';
import { DATA_SOURCE } from '../tokens';
import { CreateContactDto, UpdateContactDto } from './dto/org-management.dto';
import type { ExpectedVersion } from './if-match';

/**
 * A unit's contacts one at a time. Each contact is read by the org import's own reader (`readContact`):
 * the same e-mail rule, role and language lists, NFC-normalised trimmed name, digest default.
 */
@Injectable()
export class ContactsService {
  private readonly repo: OrgRepository;

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = new OrgRepository(dataSource);
  }

  async list(unitId: string): Promise<StoredContact[]> {
    const contacts = await this.repo.listContacts(unitId);
    if (!contacts) throw unitNotFound(unitId);
    return contacts;
  }

  create(unitId: string, body: CreateContactDto): Promise<StoredContact> {
    return this.repo.createContact(unitId, readContactBody({ ...body }));
  }

  /** The stored contact with the body's fields on top, checked whole, if still at the expected version. */
  async update(id: string, body: UpdateContactDto, expected: ExpectedVersion): Promise<StoredContact> {
    const current = await this.repo.findContact(id);
    if (!current) throw contactNotFound(id);
    const { version: _version, ...changes } = body;
    const { name, email, role, language, digest } = current;
    const next = readContactBody({ name, email, role, language, digest, ...definedOnly(changes) });
    return this.repo.updateContact(id, expected.version, next, expected.field);
  }

  remove(id: string, expected: ExpectedVersion): Promise<ContactRemoval> {
    return this.repo.deleteContact(id, expected.version, expected.field);
  }
}

function readContactBody(raw: Record<string, unknown>): Contact {
  const problems = new ProblemList();
  const draft = readContact(
    raw,
    (field) => ({ file: 'request body', location: `/${field}`, field }),
    problems,
  );
  if (!problems.isEmpty)
    throw DomainException.validation(
      problems.items.map((p) => ({ field: p.field ?? 'body', reason: p.reason })),
    );
  return draft.value!;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
