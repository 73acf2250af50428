import { TestWorkflowEnvironment } from '@temporalio/testing';
import { vnInstant } from '@dondoc/calendar';
import { SmtpSink } from '@dondoc/mail';
import {
  createTestDatabase,
  createTimeSkippingEnv,
  importBacNinh2021,
  RunningTestWorker,
  startTestWorker,
  storePlan22,
  TestDatabase,
} from '@dondoc/testing';

/** Simulated time starts at midnight of the day 22-KH/TU was issued. */
export const PLAN_22_ISSUED_AT = vnInstant('2021-08-13', 0);

/**
 * 22-KH/TU (until 31/12/2021) over the Bắc Ninh 2021 tree on the time-skipping server, with the real
 * worker, a database of its own and the SMTP sink: what the plan-level workflow specs share.
 */
export class PlanTestStack {
  env!: TestWorkflowEnvironment;
  db!: TestDatabase;
  sink!: SmtpSink;
  worker!: RunningTestWorker;
  /** serverNow − simulatedNow: the workflows' clockOffsetMs. */
  offset = 0;

  async start(): Promise<void> {
    [this.env, this.db, this.sink] = await Promise.all([
      createTimeSkippingEnv(),
      createTestDatabase(),
      SmtpSink.start(),
    ]);
    await importBacNinh2021(this.db.dataSource);
    await storePlan22(this.db.dataSource, '2021-12-31');
    this.worker = await startTestWorker({
      connection: this.env.nativeConnection,
      client: this.env.client,
      dataSource: this.db.dataSource,
      smtpUrl: this.sink.smtpUrl,
    });
    this.offset = Number(await this.env.currentTimeMs()) - Date.parse(PLAN_22_ISSUED_AT);
  }

  async stop(): Promise<void> {
    await this.worker?.stop();
    await Promise.all([this.env?.teardown(), this.db?.drop(), this.sink?.stop()]);
  }

  /** Moves simulated time to an instant; time moves only when a test says so. */
  async sleepUntil(instant: string): Promise<void> {
    const ms = Date.parse(instant) + this.offset - Number(await this.env.currentTimeMs());
    if (ms > 0) await this.env.sleep(ms);
  }
}
