import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in (issue #7): accounts with a role and the unit they act for, server-side sessions keyed by
 * the SHA-256 of their random token (the token itself is never stored), and the login attempts the
 * rate limit counts, so it holds across several API processes.
 */
export class Accounts1765000000000 implements MigrationInterface {
  name = 'Accounts1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'btg', 'btv', 'officer', 'member')),
        unit_id text REFERENCES units(id),
        person_id text REFERENCES people(id),
        disabled boolean NOT NULL DEFAULT false,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT accounts_username_lower CHECK (username = lower(username) AND username <> ''),
        CONSTRAINT accounts_unit_by_role CHECK ((role = 'admin') = (unit_id IS NULL)),
        CONSTRAINT accounts_person_by_role CHECK (person_id IS NULL OR role = 'member'),
        CONSTRAINT accounts_member_person CHECK (role <> 'member' OR person_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX accounts_unit_idx ON accounts (unit_id)`);
    await q.query(`CREATE INDEX accounts_role_idx ON accounts (role)`);
    await q.query(`
      CREATE TABLE sessions (
        id char(64) PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        via text NOT NULL CHECK (via IN ('bearer', 'cookie')),
        csrf_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX sessions_account_idx ON sessions (account_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);
    await q.query(`
      CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        ip text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        ok boolean NOT NULL
      )`);
    await q.query(`CREATE INDEX login_attempts_username_idx ON login_attempts (username, at DESC)`);
    await q.query(`CREATE INDEX login_attempts_ip_failed_idx ON login_attempts (ip, at DESC) WHERE NOT ok`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE login_attempts`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE accounts`);
  }
}
