import { Injectable } from '@nestjs/common';
import { DomainException, FieldProblem } from '@dondoc/domain';
import {
  AccountChanges,
  AccountRecord,
  AccountRepository,
  hashPassword,
  normalizeUsername,
  SessionRepository,
  StaleVersionException,
  USERNAME_PATTERN,
} from '@dondoc/persistence';
import { AccountPageDto, CreateAccountDto, ListAccountsQuery, UpdateAccountDto } from './dto/account.dto';
import { passwordPolicyProblems } from './password-policy';
import type { ExpectedVersion } from '../org/if-match';
import type { Role } from './principal';

interface Binding {
  role: Role;
  unitId: string | null;
  personId: string | null;
}

/** Admin account management: who may sign in, with which role, acting for which unit. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
  ) {}

  async list(q: ListAccountsQuery): Promise<AccountPageDto> {
    const { items, total } = await this.accounts.list(q);
    return { items, total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string): Promise<AccountRecord> {
    const account = await this.accounts.findById(id);
    if (!account) throw new DomainException('not_found', `no account ${id}`);
    return account;
  }

  async create(dto: CreateAccountDto): Promise<AccountRecord> {
    const username = normalizeUsername(dto.username);
    const binding = { role: dto.role, unitId: dto.unitId ?? null, personId: dto.personId ?? null };
    const problems: FieldProblem[] = [
      ...(USERNAME_PATTERN.test(username)
        ? []
        : [{ field: 'username', reason: 'must be 3–64 letters, digits, ".", "_", "@" or "-"' }]),
      ...passwordPolicyProblems('password', dto.password, username),
      ...(await this.bindingProblems(binding)),
    ];
    if (problems.length) throw DomainException.validation(problems);
    return this.accounts.create({
      username,
      displayName: dto.displayName.trim(),
      passwordHash: await hashPassword(dto.password),
      ...binding,
    });
  }

  /**
   * Changes an account if it is still at the version the caller saw (StaleVersionException, 409 with
   * the current state, otherwise). Disabling ends its sessions at once.
   */
  async update(id: string, expected: ExpectedVersion, dto: UpdateAccountDto): Promise<AccountRecord> {
    const stale = (current: AccountRecord) =>
      new StaleVersionException(current, expected.version, expected.field);
    const current = await this.get(id);
    if (current.version !== expected.version) throw stale(current);
    const changes: AccountChanges = {
      displayName: dto.displayName?.trim(),
      role: dto.role,
      unitId: dto.unitId,
      personId: dto.personId,
      disabled: dto.disabled,
    };
    const next = {
      role: changes.role ?? current.role,
      unitId: changes.unitId === undefined ? current.unitId : changes.unitId,
      personId: changes.personId === undefined ? current.personId : changes.personId,
    };
    const problems = await this.bindingProblems(next);
    if (problems.length) throw DomainException.validation(problems);
    const losesAdmin = current.role === 'admin' && (next.role !== 'admin' || changes.disabled === true);
    if (losesAdmin && !current.disabled && (await this.accounts.countEnabledAdmins(id)) === 0)
      throw new DomainException(
        'conflict',
        'the last enabled admin cannot be disabled or given another role',
      );
    const result = await this.accounts.update(id, expected.version, changes);
    if (result.outcome === 'not-found') throw new DomainException('not_found', `no account ${id}`);
    if (result.outcome === 'stale') throw stale(result.account);
    if (result.account.disabled) await this.sessions.revokeAll(id);
    return result.account;
  }

  /** An admin sets the password (a forgotten one, a first one); every session of the account ends. */
  async setPassword(id: string, password: string): Promise<void> {
    const account = await this.get(id);
    const problems = passwordPolicyProblems('password', password, account.username);
    if (problems.length) throw DomainException.validation(problems);
    await this.accounts.setPasswordHash(id, await hashPassword(password));
    await this.sessions.revokeAll(id);
  }

  /** Role, unit and person must agree: admin has no unit; every other role has one; a member is a person of it. */
  private async bindingProblems(b: Binding): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    if (b.role === 'admin') {
      if (b.unitId !== null) problems.push({ field: 'unitId', reason: 'must be empty for an admin' });
    } else if (b.unitId === null) {
      problems.push({ field: 'unitId', reason: `is required for the role ${b.role}` });
    } else if (!(await this.accounts.unitExists(b.unitId))) {
      problems.push({ field: 'unitId', reason: `no unit ${b.unitId}` });
    }
    if (b.role !== 'member') {
      if (b.personId !== null) problems.push({ field: 'personId', reason: 'is only for a member' });
    } else if (b.personId === null) {
      problems.push({ field: 'personId', reason: 'is required for a member' });
    } else if (b.unitId !== null) {
      const { exists, member } = await this.accounts.personIn(b.personId, b.unitId);
      if (!exists) problems.push({ field: 'personId', reason: `no person ${b.personId}` });
      else if (!member)
        problems.push({ field: 'personId', reason: `${b.personId} has no membership in ${b.unitId}` });
    }
    return problems;
  }
}
