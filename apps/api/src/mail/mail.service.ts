import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DondocConfig } from '@dondoc/config';
import { DomainException } from '@dondoc/domain';
import { classifyMailError, Mailer, outgoingFromStored } from '@dondoc/mail';
import { OutboxEntity, OutboxFilter, OutboxRepository } from '@dondoc/persistence';
import { PROBLEM_TYPES } from '../common/problem';
import { DATA_SOURCE, DONDOC_CONFIG } from '../tokens';
import { MailDetailDto, MailLogItemDto, MailPageDto } from './dto/mail.dto';
import { ListMailQuery, MailLogQuery } from './dto/mail-queries.dto';
import { toMailDetail, toMailLogItem } from './mail.mapper';
import { ProblemException, RELAY_PROBLEM_TYPE } from './mail-problem';
import { API_MAILER } from './mailer.provider';

/** The mail log (the outbox read as a log) and an admin's resend of a failed mail. */
@Injectable()
export class MailService {
  private readonly logger = new Logger('Mail');
  private readonly outbox: OutboxRepository;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
    @Inject(API_MAILER) private readonly mailer: Mailer,
  ) {
    this.outbox = new OutboxRepository(dataSource);
  }

  list(q: ListMailQuery): Promise<MailPageDto> {
    return this.page(q, {
      unitId: q.unitId,
      contactId: q.contactId,
      deliverableId: q.deliverableId,
    });
  }

  async forDeliverable(id: string, q: MailLogQuery): Promise<MailPageDto> {
    const [found] = (await this.dataSource.query(`SELECT 1 FROM deliverables WHERE id = $1`, [
      id,
    ])) as unknown[];
    if (!found)
      throw new DomainException('not_found', `no deliverable ${id}`, [
        { field: 'id', reason: `no deliverable ${id}` },
      ]);
    return this.page(q, { deliverableId: id });
  }

  async forContact(id: string, q: MailLogQuery): Promise<MailPageDto> {
    const [found] = (await this.dataSource.query(`SELECT 1 FROM contacts WHERE id = $1`, [id])) as unknown[];
    if (!found)
      throw new DomainException('not_found', `no contact ${id}`, [
        { field: 'id', reason: `no contact ${id}` },
      ]);
    return this.page(q, { contactId: id });
  }

  async get(key: string): Promise<MailDetailDto> {
    return toMailDetail(await this.find(key));
  }

  /**
   * Sends a failed mail again, as it was rendered, with the same Message-ID. Only a `failed` row is
   * resent, and the row is reopened (failed → pending) in one statement first, so two admins clicking
   * at once send it once. A refusal puts the row back to `failed` with the relay's reason: nobody
   * else retries a mail an admin resent, so it must not stay `pending`.
   */
  async resend(key: string): Promise<MailLogItemDto> {
    const row = await this.find(key);
    if (row.status !== 'failed') throw notFailed(row);
    const content = row.content;
    if (!content) {
      throw new ProblemException({
        type: PROBLEM_TYPES.conflict,
        title: 'Conflict',
        status: HttpStatus.CONFLICT,
        detail: `mail ${key} was recorded without its rendered body and cannot be resent as it was`,
        errors: [{ field: 'content', reason: 'no stored mail body' }],
        mailStatus: row.status,
      });
    }
    if (!(await this.outbox.reopenFailed(key))) throw notFailed(await this.find(key));
    try {
      await this.mailer.send(
        outgoingFromStored(content, {
          messageId: row.messageId,
          from: this.config.mailFrom,
          to: [row.recipient],
        }),
      );
    } catch (e) {
      const err = classifyMailError(e);
      await this.outbox.recordError(key, err.message, true);
      this.logger.warn(`resend of ${key} failed: ${err.message}`);
      throw new ProblemException({
        type: RELAY_PROBLEM_TYPE,
        title: 'Bad gateway',
        status: HttpStatus.BAD_GATEWAY,
        detail: err.message,
        errors: [{ field: 'key', reason: `the mail relay did not take the mail: ${err.message}` }],
        ...(err.responseCode !== undefined ? { responseCode: err.responseCode } : {}),
        retryable: err.retryable,
      });
    }
    await this.outbox.markSent(key);
    return toMailLogItem(await this.find(key));
  }

  private async find(key: string): Promise<OutboxEntity> {
    const row = await this.outbox.findByKey(key);
    if (!row)
      throw new DomainException('not_found', `no mail ${key}`, [{ field: 'key', reason: `no mail ${key}` }]);
    return row;
  }

  private async page(
    q: MailLogQuery,
    by: Pick<OutboxFilter, 'unitId' | 'contactId' | 'deliverableId'>,
  ): Promise<MailPageDto> {
    const { items, total } = await this.outbox.list({
      status: q.status,
      kind: q.kind,
      ...by,
      page: q.page,
      pageSize: q.pageSize,
    });
    return { items: items.map(toMailLogItem), total, page: q.page, pageSize: q.pageSize };
  }
}

function notFailed(row: OutboxEntity): ProblemException {
  return new ProblemException({
    type: PROBLEM_TYPES.conflict,
    title: 'Conflict',
    status: HttpStatus.CONFLICT,
    detail: `mail ${row.key} is ${row.status}; only a failed mail can be resent`,
    errors: [{ field: 'status', reason: `is ${row.status}, not failed` }],
    mailStatus: row.status,
  });
}
