import { Logger } from '@nestjs/common';
import { AuditEntry } from '@dondoc/persistence';
import { createTestDatabase, TestDatabase } from '@dondoc/testing';
import { AuditRecorder } from './audit-recorder.service';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  accountId: null,
  username: 'Nguyễn Văn An',
  role: 'officer',
  ip: '203.113.152.7',
  userAgent: 'Mozilla/5.0',
  method: 'POST',
  route: '/deliverables/:id/submissions',
  path: '/deliverables/D1/submissions',
  action: 'deliverables.submit',
  target: 'D1',
  status: 200,
  outcome: 'ok',
  problemTitle: null,
  problemDetail: null,
  requestId: 'req-42',
  durationMs: 3,
  detail: null,
  ...over,
});

/** The recorder on real PostgreSQL: rows land; a failed insert is logged without personal data. */
describe('AuditRecorder', () => {
  let db: TestDatabase;
  let recorder: AuditRecorder;
  beforeAll(async () => {
    db = await createTestDatabase();
    recorder = new AuditRecorder(db.dataSource);
  });
  afterAll(() => db?.drop());

  it('writes rows after the fact; settled() waits for them', async () => {
    recorder.record(entry({ requestId: 'a' }));
    recorder.record(entry({ requestId: 'b' }));
    await recorder.settled();
    const rows = (await db.dataSource.query(`SELECT request_id FROM audit_log ORDER BY id`)) as {
      request_id: string;
    }[];
    // Written concurrently: either may take the lower id.
    expect(rows.map((r) => r.request_id).sort()).toEqual(['a', 'b']);
  });

  it('logs a failed insert as an error naming the action and request, not the account or address', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      // Not a UUID: PostgreSQL refuses the row and quotes the value in its message.
      recorder.record(entry({ accountId: 'khong-phai-uuid' }));
      await recorder.settled();
      expect(error).toHaveBeenCalledTimes(1);
      const message = String(error.mock.calls[0][0]);
      expect(message).toContain('deliverables.submit');
      expect(message).toContain('req-42');
      expect(message).toContain('22P02');
      for (const personal of ['khong-phai-uuid', 'Nguyễn Văn An', '203.113.152.7'])
        expect(message).not.toContain(personal);
    } finally {
      error.mockRestore();
    }
  });
});
