import { Context } from '@temporalio/activity';
import type { StagedRow } from '@dondoc/persistence';
import type { Postman } from './postman';

/** Rows taken per statement, mails handed to the pooled transport at once, sent rows marked per statement. */
const STAGED_BATCH = 100;
const IN_FLIGHT = 16;
const MARK_BATCH = 50;

export interface StagedMailResult {
  sent: number;
  failed: number;
  /** Dropped: their deliverable moved on after they were staged (its workflow decides at the step). */
  withdrawn: number;
  /** Left to the deliverables' own steps because the relay refused for now (they retry with back-off). */
  left: number;
}

/**
 * The dispatcher of mail staged ahead of one instant (`mail:staged:<instant>`): sends every staged
 * row due by then whose deliverable is still where it was staged, many at a time, without a
 * workflow task per mail. Exactly once with the deliverables' own steps, which send the same keys
 * after the instant: whoever holds a row's lease sends it, the other finds it sent.
 */
export function createStagedMailActivities(deps: { postman: Postman }) {
  const { postman } = deps;
  const { outbox } = postman;
  return {
    async sendStagedMail({ at }: { at: string }): Promise<StagedMailResult> {
      const began = Date.now();
      const result: StagedMailResult = {
        sent: 0,
        failed: 0,
        withdrawn: await outbox.withdrawStale(at),
        left: 0,
      };
      const rows = stagedRows(outbox, at);
      const marks = sentMarks(outbox);
      let relayDown = false;
      // A fixed number of lanes pulls rows as they come: the relay never waits for a batch's slowest
      // mail or for the database.
      const lane = async () => {
        for (let row = await rows.take(); row; row = await rows.take()) {
          if (relayDown) {
            rows.giveBack(row.key);
            continue;
          }
          try {
            result[await postman.sendStaged(row, at, marks.add)]++;
          } catch {
            // A transient refusal (recorded, lease freed by the postman; a permanent one is 'failed'),
            // or the database went away: likely so for all, so stop and let each step retry on its
            // own schedule.
            relayDown = true;
            result.left++;
          }
          Context.current().heartbeat(result); // the SDK throttles these
        }
      };
      try {
        await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
      } finally {
        await marks.flush();
        result.left += await rows.releaseGivenBack();
      }
      Context.current().log.info('staged mail sent', { at, ...result, ms: Date.now() - began });
      return result;
    },
  };
}

/** The staged rows due by `at`, claimed a batch ahead of the lanes that send them. */
function stagedRows(outbox: Postman['outbox'], at: string) {
  let buffer: StagedRow[] = [];
  let next: Promise<StagedRow[]> | null = null;
  let exhausted = false;
  const givenBack: string[] = [];
  const claim = () => {
    next = outbox.claimStaged(at, STAGED_BATCH);
    next.catch(() => undefined); // awaited by take(); not an unhandled rejection meanwhile
  };
  return {
    async take(): Promise<StagedRow | undefined> {
      while (!buffer.length && !exhausted) {
        if (!next) claim();
        const pending = next!;
        const batch = await pending;
        // Only the first lane to wake from a batch moves it into the buffer.
        if (next === pending) {
          next = null;
          buffer = buffer.concat(batch);
          if (!batch.length) exhausted = true;
        }
      }
      const row = buffer.shift();
      if (!exhausted && !next && buffer.length < STAGED_BATCH / 2) claim();
      return row;
    },
    giveBack(key: string) {
      givenBack.push(key);
      exhausted = true; // claim no more
    },
    /** The leases of rows taken but not sent (the relay went down), and of rows still buffered. */
    async releaseGivenBack(): Promise<number> {
      const keys = [
        ...givenBack,
        ...buffer.map((r) => r.key),
        ...(next ? (await next).map((r) => r.key) : []),
      ];
      buffer = [];
      await outbox.releaseLeases(keys);
      return keys.length;
    },
  };
}

/** Sent rows marked in batches, off the lanes' path (a crash in between resends at most a batch, same Message-IDs). */
function sentMarks(outbox: Postman['outbox']) {
  let keys: string[] = [];
  const writes: Promise<void>[] = [];
  const write = () => {
    if (!keys.length) return;
    const written = outbox.markSentMany(keys);
    written.catch(() => undefined); // awaited by flush(); not an unhandled rejection meanwhile
    writes.push(written);
    keys = [];
  };
  return {
    add: (key: string) => {
      keys.push(key);
      if (keys.length >= MARK_BATCH) write();
    },
    async flush() {
      write();
      await Promise.all(writes);
    },
  };
}

export type StagedMailActivities = ReturnType<typeof createStagedMailActivities>;
