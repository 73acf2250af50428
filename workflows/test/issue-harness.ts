import { Client, WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { IsoDate, vnDateOf, vnInstant, WorkingCalendar } from '@dondoc/calendar';
import { IssueLimitsOverride, IssueSeverity } from '@dondoc/domain';
import { SmtpSink } from '@dondoc/mail';
import {
  ContactEntity,
  OutboxRepository,
  ReportedIssueEntity,
  ReportedIssueEventEntity,
  ReportedIssueRepository,
  UnitEntity,
} from '@dondoc/persistence';
import {
  createTestDatabase,
  createTimeSkippingEnv,
  RunningTestWorker,
  seedTestUnit,
  startTestWorker,
  TEST_BTG,
  TEST_TASK_QUEUE,
  TestDatabase,
} from '@dondoc/testing';
import { issueWorkflow } from '@dondoc/workflows';
import * as m from '@dondoc/workflows/src/issue/issue.messages';
import { reportIssue } from '../../apps/cli/src/simulate/issue-driver';

export const cal = new WorkingCalendar();
export const MINUTE = 60_000;
export const TEST_BTV = { id: 'BTV-TU', name: 'Ban Thường vụ Tỉnh ủy', type: 'ban-thuong-vu' };
export const BTV_MAILBOX = 'btv@example.vn';
export const REPORTER_MAILBOX = 'nguoi-bao-cao@example.vn';

/** Adds the Standing Committee (with one contact) to the test tree; idempotent. */
export async function seedBtv(ds: DataSource): Promise<void> {
  const units = ds.getRepository(UnitEntity);
  if (await units.findOneBy({ id: TEST_BTV.id })) return;
  await units.insert({ ...TEST_BTV, parentId: 'TU-BAC-NINH', validFrom: '2020-01-01', validTo: null });
  await ds.getRepository(ContactEntity).save({
    unitId: TEST_BTV.id,
    name: 'Văn phòng Tỉnh ủy',
    email: BTV_MAILBOX,
    role: 'head',
    language: 'vi',
  });
}

export interface ReportOptions {
  reporterUnitId: string;
  severity?: IssueSeverity;
  planId?: string;
  planLimits?: IssueLimitsOverride;
  title?: string;
  reporterEmail?: string | null;
  clockOffsetMs?: number;
  btgUnitId?: string;
  btvUnitId?: string;
}

/** reportIssue (the simulation's, as the API does it) with the test tree's units and words. */
export function reportTestIssue(
  client: Client,
  ds: DataSource,
  o: ReportOptions & { reportedAt: string; taskQueue?: string },
) {
  return reportIssue(client, ds, {
    ...o,
    planId: o.planId ?? '22-KH-TU',
    title: o.title ?? 'Thiếu tài liệu học tập chuyên đề cho chi bộ',
    description: 'Các chi bộ chưa nhận được tài liệu.',
    reporterName: 'Lê Văn Cường',
    reporterEmail: o.reporterEmail === undefined ? REPORTER_MAILBOX : o.reporterEmail,
    btgUnitId: o.btgUnitId ?? TEST_BTG.id,
    btvUnitId: o.btvUnitId ?? TEST_BTV.id,
    taskQueue: o.taskQueue ?? TEST_TASK_QUEUE,
  });
}

/** Time-skipping server + the real worker, PostgreSQL and SMTP sink, shared by a test file. */
export class IssueHarness {
  env!: TestWorkflowEnvironment;
  db!: TestDatabase;
  sink!: SmtpSink;
  worker!: RunningTestWorker;

  async start(): Promise<void> {
    [this.env, this.db, this.sink] = await Promise.all([
      createTimeSkippingEnv(),
      createTestDatabase(),
      SmtpSink.start(),
    ]);
    await seedTestUnit(this.db.dataSource);
    await seedBtv(this.db.dataSource);
    this.worker = await startTestWorker({
      connection: this.env.nativeConnection,
      client: this.env.client,
      dataSource: this.db.dataSource,
      smtpUrl: this.sink.smtpUrl,
    });
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
    await Promise.all([this.env?.teardown(), this.db?.drop(), this.sink?.stop()]);
  }

  async nowIso(): Promise<string> {
    return new Date(Number(await this.env.currentTimeMs())).toISOString();
  }

  /** Moves the server to 10:00 on the next working day, so each test starts on a working morning. */
  async toWorkingMorning(): Promise<string> {
    const day = cal.addWorkingDays(vnDateOf(await this.nowIso()), 1);
    await this.sleepUntil(vnInstant(day, 10));
    return this.nowIso();
  }

  async report(o: Partial<ReportOptions> = {}) {
    return reportTestIssue(this.env.client, this.db.dataSource, {
      reporterUnitId: 'HU-TIEN-DU',
      ...o,
      reportedAt: await this.nowIso(),
    });
  }

  async sleepUntil(instant: string, plusMs = 0): Promise<void> {
    const ms = Date.parse(instant) + plusMs - Number(await this.env.currentTimeMs());
    if (ms > 0) await this.env.sleep(ms);
  }

  /**
   * Takes an issue to closed by the shortest legal road. Tests end issues this way rather than by
   * terminating them: the time-skipping server stops skipping time for good when a workflow is
   * terminated while one of its activities is running.
   */
  async finish(handle: WorkflowHandle<typeof issueWorkflow>, reporterUnitId = 'HU-TIEN-DU'): Promise<void> {
    const btg = { byUnitId: TEST_BTG.id };
    for (let i = 0; i < 8; i++) {
      const v = await handle.query(m.issueStatusQuery);
      if (v.state === 'closed') return this.settle(handle.workflowId);
      if (v.state === 'reported') await handle.executeUpdate(m.acknowledgeUpdate, { args: [btg] });
      if (v.state === 'acknowledged')
        await handle.executeUpdate(m.assignHandlerUpdate, { args: [{ ...btg, handlerUnitId: TEST_BTG.id }] });
      if (v.state === 'info-requested')
        await handle.executeUpdate(m.answerInfoUpdate, {
          args: [{ byUnitId: reporterUnitId, answer: 'Đã rõ' }],
        });
      if (v.state === 'escalated')
        await handle.executeUpdate(m.directionUpdate, {
          args: [{ byUnitId: TEST_BTV.id, instructions: 'Ban Tuyên giáo tiếp tục xử lý', units: [] }],
        });
      if (v.state === 'in-handling' || (v.state === 'directed' && !v.directions.some((d) => d.units.length)))
        await handle.executeUpdate(m.resolveUpdate, { args: [{ ...btg, resolution: 'Kết thúc kiểm thử' }] });
      if (v.state === 'resolved') await handle.executeUpdate(m.closeUpdate, { args: [btg] });
    }
  }

  /** Waits until every mail the workflow owes has gone out (its outbox stops growing and holds no pending row). */
  async settle(workflowId: string): Promise<void> {
    const outbox = new OutboxRepository(this.db.dataSource);
    let last = -1;
    for (let i = 0; i < 100; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const rows = await outbox.listByWorkflow(workflowId);
      if (rows.length === last && rows.every((r) => r.status !== 'pending')) return;
      last = rows.length;
    }
  }

  /** Mails to one address since the sink was last cleared. */
  to(address: string) {
    return this.sink.messages().filter((x) => x.to.includes(address));
  }

  events(id: string): Promise<ReportedIssueEventEntity[]> {
    return new ReportedIssueRepository(this.db.dataSource).events(id);
  }

  /** Polls the read model until the row satisfies `ok`. */
  async waitForIssue(id: string, ok: (row: ReportedIssueEntity) => boolean): Promise<ReportedIssueEntity> {
    const repo = new ReportedIssueRepository(this.db.dataSource);
    for (let i = 0; i < 150; i++) {
      const row = await repo.findById(id);
      if (row && ok(row)) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(
      `issue ${id} never reached the expected state: ${JSON.stringify(await repo.findById(id))}`,
    );
  }

  /** Polls until every owed mail of the issue went out (the outbox row count stops short of `n` otherwise). */
  async waitForEventTypes(id: string, types: string[]): Promise<string[]> {
    for (let i = 0; i < 150; i++) {
      const got = (await this.events(id)).map((e) => e.type);
      if (types.every((t, n) => got[n] === t) && got.length >= types.length) return got;
      await new Promise((r) => setTimeout(r, 100));
    }
    return (await this.events(id)).map((e) => e.type);
  }
}

export const at10 = (d: IsoDate) => vnInstant(d, 10);
