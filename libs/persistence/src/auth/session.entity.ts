import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A signed-in session. The id is the SHA-256 (hex) of the random token; the token is never stored. */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryColumn({ type: 'char', length: 64 })
  id!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  /**
   * How the session was last used: the Authorization header or the session cookie (sign-in starts
   * it at `cookie`, since it sets the cookie; the first bearer request turns it to `bearer`).
   */
  @Column({ type: 'text' })
  via!: 'bearer' | 'cookie';

  /** SHA-256 of the CSRF token the cookie session must echo in X-CSRF-Token. */
  @Column({ name: 'csrf_hash', type: 'char', length: 64 })
  csrfHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
