import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail prepared ahead of its instant (a reminder staged before it falls due): `staged_version` is the
 * deliverable's read-model version the mail was rendered for. The instant's dispatcher sends it only
 * while the deliverable is still at that version; otherwise the deliverable workflow decides at the
 * instant itself. `raw` is the message already composed (composing is most of a send's CPU), kept
 * until it is sent. The existing partial index on `not_before` (pending rows) serves the dispatcher.
 */
export class OutboxStagedMail1765800000000 implements MigrationInterface {
  name = 'OutboxStagedMail1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ADD COLUMN staged_version integer, ADD COLUMN raw bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN staged_version, DROP COLUMN raw`);
  }
}
