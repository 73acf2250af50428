import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DondocConfig } from '@dondoc/config';
import { DomainException } from '@dondoc/domain';
import {
  AccountRecord,
  AccountRepository,
  dummyPasswordHash,
  hashPassword,
  LoginAttemptRepository,
  normalizeUsername,
  OpenedSession,
  SessionRepository,
  verifyPassword,
} from '@dondoc/persistence';
import { DONDOC_CONFIG } from '../tokens';
import { BadCredentialsException, LoginThrottledException } from './auth.errors';
import { SignedInAccountDto } from './dto/login.dto';
import { passwordPolicyProblems } from './password-policy';
import type { Principal } from './principal';

export interface SignIn {
  session: OpenedSession;
  account: AccountRecord;
}

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export function toSignedInAccount(a: AccountRecord): SignedInAccountDto {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    unitId: a.unitId,
    personId: a.personId,
  };
}

/**
 * Sign-in, sign-out and a caller's own password. Failures are counted per username and per IP in
 * PostgreSQL (login_attempts) and refused with 429 past the limit. Neither usernames nor passwords
 * are logged.
 */
@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly attempts: LoginAttemptRepository,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
  ) {}

  /** The dummy hash is made at start, so the first unknown username costs no more than any other. */
  async onModuleInit(): Promise<void> {
    await dummyPasswordHash();
  }

  async login(username: string, password: string, client: ClientInfo): Promise<SignIn> {
    const account = await this.checkPassword(normalizeUsername(username), password, client.ip);
    const session = await this.sessions.open({
      accountId: account.id,
      via: 'cookie',
      ttlHours: this.config.auth.sessionTtlHours,
      ip: client.ip,
      userAgent: client.userAgent,
    });
    if (Math.random() < 0.01) await this.attempts.prune();
    return { session, account };
  }

  async logout(principal: Principal): Promise<void> {
    await this.sessions.revoke(principal.sessionId);
  }

  async me(principal: Principal): Promise<{ account: AccountRecord; expiresAt: Date }> {
    const [account, expiresAt] = await Promise.all([
      this.accounts.findById(principal.accountId),
      this.sessions.expiresAt(principal.sessionId),
    ]);
    if (!account || !expiresAt) throw new DomainException('not_found', 'the account no longer exists');
    return { account, expiresAt };
  }

  /** The caller's new password; every other session of the account ends. */
  async changePassword(
    principal: Principal,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<void> {
    try {
      await this.checkPassword(principal.username, currentPassword, client.ip);
    } catch (e) {
      if (!(e instanceof BadCredentialsException)) throw e;
      throw DomainException.validation([{ field: 'currentPassword', reason: 'is not the current password' }]);
    }
    const problems = passwordPolicyProblems('newPassword', newPassword, principal.username);
    if (problems.length) throw DomainException.validation(problems);
    await this.accounts.setPasswordHash(principal.accountId, await hashPassword(newPassword));
    await this.sessions.revokeAll(principal.accountId, principal.sessionId);
  }

  /**
   * The account if the password is right and it may sign in. The scrypt work is done for unknown
   * usernames too, and every refusal answers the same, so neither time nor text tells which it was.
   */
  private async checkPassword(username: string, password: string, ip: string): Promise<AccountRecord> {
    const retryAfter = await this.attempts.retryAfterSeconds(username, ip);
    if (retryAfter !== null) throw new LoginThrottledException(retryAfter);
    const found = await this.accounts.findCredentials(username);
    const matches = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
    const ok = found !== null && matches && !found.disabled;
    await this.attempts.record(username, ip, ok);
    if (!ok) throw new BadCredentialsException();
    const { passwordHash: _, ...account } = found;
    return account;
  }
}
