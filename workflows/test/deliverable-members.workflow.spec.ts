import { PersonEntity } from '@dondoc/persistence';
import { TEST_GRASSROOTS, TEST_MAILBOXES } from '@dondoc/testing';
import { registerUpdate, statusQuery } from '@dondoc/workflows/src/deliverable/deliverable.messages';
import { DeliverableHarness, MINUTE, waitForRow } from './deliverable-harness';

/** Yearly commitment registration: one workflow per cell and year, tracking its members. */
describe('deliverable workflow in members mode (time-skipping)', () => {
  const h = new DeliverableHarness();
  beforeAll(async () => {
    await h.start();
    await h.db.dataSource.getRepository(PersonEntity).save([
      { id: 'DV-001', name: 'Lê Văn Cường', email: 'cuong@example.vn', kind: 'party-member', language: 'vi' },
      { id: 'DV-002', name: 'Phạm Thị Dung', email: 'dung@example.vn', kind: 'party-member', language: 'vi' },
    ]);
  });
  afterAll(() => h.stop());

  it('reminds only the members who have not registered, and completes when the last one does', async () => {
    const { handle, input, id } = await h.startDeliverable({
      unitId: TEST_GRASSROOTS.id,
      offsets: [3, 1],
      members: ['DV-001', 'DV-002'],
    });
    const [first, second] = h.steps(input);
    await h.sleepUntil(first.at, MINUTE);
    await h.sink.waitForCount(3, 20_000); // both members and the cell's head
    expect(h.to('cuong@example.vn')[0].text).toContain('Kính gửi: đồng chí Lê Văn Cường,');
    expect(h.to(TEST_MAILBOXES.grassrootsHead)).toHaveLength(1);

    const after = await handle.executeUpdate(registerUpdate, { args: [{ personId: 'DV-001' }] });
    expect(after).toMatchObject({ status: 'open', registered: ['DV-001'], memberCount: 2 });
    const refused = await handle
      .executeUpdate(registerUpdate, { args: [{ personId: 'DV-001' }] })
      .catch((e: Error) => e);
    expect(String((refused as Error & { cause?: Error }).cause?.message)).toContain('already registered');

    h.sink.clear();
    await h.sleepUntil(second.at, MINUTE);
    await h.sink.waitForCount(2, 20_000);
    expect(h.to('cuong@example.vn')).toHaveLength(0);
    expect(h.to('dung@example.vn')).toHaveLength(1);

    const done = await handle.executeUpdate(registerUpdate, { args: [{ personId: 'DV-002' }] });
    expect(done.status).toBe('submitted');
    expect((await handle.query(statusQuery)).registered).toEqual(['DV-001', 'DV-002']);
    const row = await waitForRow(h, id, (r) => r.status === 'submitted');
    expect(row).toMatchObject({ memberCount: 2, registeredCount: 2 });
  });
});
