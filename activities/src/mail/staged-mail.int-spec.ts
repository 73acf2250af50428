import { MockActivityEnvironment } from '@temporalio/testing';
import { messageIdFor } from './message-id.util';
import { createStagedMailActivities } from './staged-mail.activities';
import {
  deliverableRow,
  letter,
  MailRig,
  MONDAY_9,
  outboxRow,
  startMailRig,
  storeDeliverable,
} from './mail-test-kit';

/**
 * The staged-mail dispatcher (sendStagedMail, run in the SDK's activity environment) over real
 * PostgreSQL and the SMTP sink: exactly once against the deliverables' own steps sending the same keys.
 */
describe('staged mail dispatcher (PostgreSQL outbox, SMTP sink)', () => {
  let rig: MailRig;
  let dispatch: (at: string) => Promise<{ sent: number; failed: number; withdrawn: number; left: number }>;
  beforeAll(async () => {
    rig = await startMailRig({ sendWindow: null });
    const { sendStagedMail } = createStagedMailActivities({ postman: rig.postman });
    dispatch = (at) => new MockActivityEnvironment().run(sendStagedMail, { at });
  });
  afterAll(() => rig?.stop());
  beforeEach(() => rig.sink.clear());

  /** `n` deliverables at version 1, each with one reminder staged for MONDAY_9. */
  async function stageWave(n: number, tag: string) {
    const letters = [];
    for (let i = 0; i < n; i++) {
      const d = deliverableRow({ period: `${tag}-${i}` });
      await storeDeliverable(rig, d);
      const l = letter(rig, { deliverableId: d.id, at: MONDAY_9 });
      expect(await rig.postman.stage(l, 1)).toBe('staged');
      letters.push(l);
    }
    return letters;
  }

  it('sends a wave of staged mail once each, even while the steps deliver the same keys', async () => {
    const letters = await stageWave(250, 'race');
    expect(rig.sink.messages()).toHaveLength(0);
    // The steps of a third of them run at the same moment as the dispatcher (a dispatcher late, or
    // a worker restarted): whoever holds a row's lease sends it, the other finds it sent.
    const [result, ...outcomes] = await Promise.all([
      dispatch(MONDAY_9),
      ...letters.filter((_, i) => i % 3 === 0).map((l) => rig.postman.deliver(l).catch(() => 'in-flight')),
    ]);
    const got = await rig.sink.waitForCount(250, 30_000);
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would arrive now
    const ids = rig.sink.messages().map((m) => m.messageId);
    expect(ids).toHaveLength(250);
    expect(new Set(ids)).toEqual(new Set(letters.map((l) => messageIdFor(l.key))));
    // The dispatcher's mails were composed at staging, dated the instant; a step's, when it sent.
    expect(got.filter((m) => m.date === MONDAY_9).length).toBeGreaterThanOrEqual(result.sent);
    expect(result.sent + outcomes.filter((o) => o === 'sent').length).toBe(250);
    for (const l of letters) expect((await outboxRow(rig, l.key)).status).toBe('sent');
    // Run again (a retried activity): nothing left to send.
    expect(await dispatch(MONDAY_9)).toEqual({ sent: 0, failed: 0, withdrawn: 0, left: 0 });
    expect(rig.sink.messages()).toHaveLength(250);
  });

  it('sends nothing before its instant, and withdraws what a deliverable moved past', async () => {
    const [kept, moved] = await stageWave(2, 'stale');
    await storeDeliverable(rig, deliverableRow({ period: 'stale-1', version: 2, status: 'submitted' }));
    expect(await dispatch(new Date(Date.parse(MONDAY_9) - 1000).toISOString())).toEqual({
      sent: 0,
      failed: 0,
      withdrawn: 0,
      left: 0,
    });
    expect(await dispatch(MONDAY_9)).toEqual({ sent: 1, failed: 0, withdrawn: 1, left: 0 });
    expect(rig.sink.messages().map((m) => m.messageId)).toEqual([messageIdFor(kept.key)]);
    expect(await rig.postman.outbox.findByKey(moved.key)).toBeNull();
  });

  it('the daily run does not send a staged mail whose deliverable moved on', async () => {
    const [moved] = await stageWave(1, 'daily');
    await storeDeliverable(rig, deliverableRow({ period: 'daily-0', version: 3, status: 'submitted' }));
    expect(await rig.postman.outbox.dueDeferred(MONDAY_9, 100)).not.toContainEqual(
      expect.objectContaining({ key: moved.key }),
    );
    expect(await rig.postman.outbox.withdrawStale(MONDAY_9)).toBe(1);
  });

  it('when the relay refuses for now it stops, gives the leases back and leaves the rest', async () => {
    const letters = await stageWave(40, 'down');
    rig.sink.failNext(1, 451);
    const first = await dispatch(MONDAY_9);
    // Mails already on their way when the refusal came still go; the rest wait for a later attempt.
    expect(first).toMatchObject({ failed: 0, withdrawn: 0 });
    expect(first.left).toBeGreaterThanOrEqual(1);
    expect(first.sent + first.left).toBe(40);
    const leased = await rig.db.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM outbox WHERE key = ANY($1::text[]) AND status = 'pending'
          AND claimed_until IS NOT NULL`,
      [letters.map((l) => l.key)],
    );
    expect(leased[0].n).toBe(0);
    // The next attempt (a step, or the dispatcher again) sends what is left, once each.
    expect((await dispatch(MONDAY_9)).sent).toBe(first.left);
    const ids = rig.sink.messages().map((m) => m.messageId);
    expect(ids).toHaveLength(40);
    expect(new Set(ids)).toEqual(new Set(letters.map((l) => messageIdFor(l.key))));
  });
});
