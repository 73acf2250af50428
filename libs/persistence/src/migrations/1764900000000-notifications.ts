import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications people can act on: every outbox row says what kind of mail it is and what it is about
 * (deliverable, unit, plan), keeps the rendered mail (so an admin can resend a failed one and a daily
 * digest can fold it in), and may wait for the send window (`not_before`). `digested` rows are mails
 * a contact chose to receive in the daily digest instead; `digest_key` names the digest that carried
 * them. `claimed_until` is the lease of the attempt that is sending it: a second attempt running at
 * the same time (a retry while the first still runs) does not send it too. Plans remember which
 * units acknowledged them.
 */
export class Notifications1764900000000 implements MigrationInterface {
  name = 'Notifications1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`);
    await q.query(
      `ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'failed', 'digested'))`,
    );
    await q.query(`
      ALTER TABLE outbox
        ADD COLUMN kind text NOT NULL DEFAULT 'other',
        ADD COLUMN deliverable_id text,
        ADD COLUMN unit_id text,
        ADD COLUMN plan_id text,
        ADD COLUMN content jsonb,
        ADD COLUMN not_before timestamptz,
        ADD COLUMN digest_key text,
        ADD COLUMN failed_at timestamptz,
        ADD COLUMN claimed_until timestamptz`);
    await q.query(`CREATE INDEX outbox_deliverable_idx ON outbox(deliverable_id, created_at)`);
    await q.query(`CREATE INDEX outbox_contact_idx ON outbox(contact_id, created_at)`);
    await q.query(`CREATE INDEX outbox_deferred_idx ON outbox(not_before) WHERE status = 'pending'`);
    await q.query(
      `CREATE INDEX outbox_undigested_idx ON outbox(contact_id) WHERE status = 'digested' AND digest_key IS NULL`,
    );
    await q.query(`CREATE INDEX outbox_failed_idx ON outbox(failed_at) WHERE status = 'failed'`);
    await q.query(`
      CREATE TABLE plan_acknowledgements (
        plan_id text NOT NULL REFERENCES plans(id),
        unit_id text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        via text NOT NULL,
        PRIMARY KEY (plan_id, unit_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_acknowledgements`);
    await q.query(`DELETE FROM outbox WHERE status = 'digested'`);
    await q.query(`
      ALTER TABLE outbox DROP COLUMN kind, DROP COLUMN deliverable_id, DROP COLUMN unit_id,
        DROP COLUMN plan_id, DROP COLUMN content, DROP COLUMN not_before, DROP COLUMN digest_key,
        DROP COLUMN failed_at, DROP COLUMN claimed_until`);
    await q.query(`ALTER TABLE outbox DROP CONSTRAINT outbox_status_check`);
    await q.query(
      `ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'failed'))`,
    );
  }
}
