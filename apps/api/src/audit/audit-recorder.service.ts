import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditEntry, AuditLogRepository } from '@dondoc/persistence';
import { DATA_SOURCE } from '../tokens';

/**
 * Appends audit rows after the response has gone, so the caller never waits for it. A failed insert
 * is logged as an error naming the action and request id only (no account, no address). Writes in
 * flight are awaited before the DataSource closes.
 */
@Injectable()
export class AuditRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private readonly repo: AuditLogRepository;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(@Inject(DATA_SOURCE) dataSource: DataSource) {
    this.repo = new AuditLogRepository(dataSource);
  }

  record(entry: AuditEntry): void {
    const write = this.repo
      .append(entry)
      .catch((e: unknown) => {
        const err = e as { code?: string; message?: string };
        // The message of a failed insert can quote a value; keep the SQLSTATE and the statement's gist.
        const gist = (err.message ?? String(e)).replace(/"[^"]*"|'[^']*'/g, '…').slice(0, 200);
        this.logger.error(
          `audit row NOT written for ${entry.action} ${entry.status} (request ${entry.requestId}): ${err.code ?? ''} ${gist}`,
        );
      })
      .finally(() => this.inFlight.delete(write));
    this.inFlight.add(write);
  }

  /** The hook itself failed before it had an entry: logged like a failed insert. */
  failed(requestId: string, e: unknown): void {
    this.logger.error(
      `audit row NOT written (request ${requestId}): ${e instanceof Error ? e.name : 'error'}`,
    );
  }

  /** Resolves once every row handed over so far is written (or its failure logged). */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }
}
