import { Access } from '../authz/access.decorator';
import { ADMIN_ONLY, COLLECTORS } from '../authz/roles';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import {
  MailConflictProblemDto,
  MailDetailDto,
  MailLogItemDto,
  MailPageDto,
  MailRelayProblemDto,
} from './dto/mail.dto';
import { ContactIdParams, ListMailQuery, MailLogQuery } from './dto/mail-queries.dto';
import { ProblemExceptionFilter, RELAY_PROBLEM_TYPE } from './mail-problem';
import { MailService } from './mail.service';
import { problemExample } from './problem-examples';

const KEY =
  'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:term/reminder-1/8c6f2b9e-4a0d-4c52-9a55-1f0f3c1b2d7e';
const ENCODED_KEY = encodeURIComponent(KEY);
const CONTACT = '8c6f2b9e-4a0d-4c52-9a55-1f0f3c1b2d7e';
const DELIVERABLE = '22-KH-TU:implementation-plan:HU-TIEN-DU:term';

const ITEM_EXAMPLE: MailLogItemDto = {
  key: KEY,
  workflowId: 'deliverable:22-KH-TU:implementation-plan:HU-TIEN-DU:term',
  step: 'reminder-1',
  contactId: CONTACT,
  recipient: 'van-phong+hu-tien-du@example.vn',
  subject: '[Nhắc việc] Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa',
  messageId: '<3f1a0c9be1d2a4f6b7c8d9e0f1a2b3c4d5e6f7a8@dondoc>',
  status: 'sent',
  attempts: 1,
  lastError: null,
  createdAt: '2021-08-26T01:00:00.000Z',
  sentAt: '2021-08-26T01:00:01.000Z',
  kind: 'reminder',
  deliverableId: DELIVERABLE,
  unitId: 'HU-TIEN-DU',
  planId: '22-KH-TU',
  notBefore: null,
  digestKey: null,
  failedAt: null,
};
const PAGE_EXAMPLE: MailPageDto = { items: [ITEM_EXAMPLE], total: 1, page: 1, pageSize: 50 };

const KEY_PARAM = {
  name: 'key',
  description:
    'The outbox key `<workflowId>/<step>/<contactId>`, URL-encoded as one path segment ' +
    '(encodeURIComponent: `/` → `%2F`, `:` → `%3A`)',
  example: ENCODED_KEY,
};

const badQuery = (instance: string) =>
  problemExample(
    'validation',
    400,
    'Invalid request',
    'pageSize: pageSize must not be greater than 200',
    instance,
    [{ field: 'pageSize', reason: 'pageSize must not be greater than 200' }],
  );
const noMail = (instance: string) =>
  problemExample('notFound', 404, 'Not found', `no mail ${KEY}`, instance, [
    { field: 'key', reason: `no mail ${KEY}` },
  ]);

/**
 * The mail log: every mail dondoc sent, is about to send, folded into a digest or could not deliver,
 * read from the outbox (never the body, except for one mail by key); and an admin's resend.
 * Keys travel URL-encoded as one path segment.
 */
@ApiTags('mail')
@UseFilters(ProblemExceptionFilter)
@Controller()
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get('mail')
  @Access({ roles: ADMIN_ONLY })
  @ApiOperation({
    summary: 'The mail log (admin): newest first, by status, kind, unit, contact or deliverable; paged',
    description: 'Items never carry the mail body; `GET /mail/{key}` does.',
  })
  @ApiOkResponse({ type: MailPageDto, example: PAGE_EXAMPLE })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'A bad filter or page; `errors` names it',
    example: badQuery('/mail?pageSize=500'),
  })
  list(@Query() q: ListMailQuery): Promise<MailPageDto> {
    return this.mail.list(q);
  }

  @Get('mail/:key')
  @Access({ roles: ADMIN_ONLY })
  @ApiOperation({
    summary: 'One mail (admin) with its rendered content: subject, text, HTML, attachment names and types',
    description:
      'The key contains `/` and `:`: send it URL-encoded as one path segment (encodeURIComponent). ' +
      'Attachment bytes are not returned.',
  })
  @ApiParam(KEY_PARAM)
  @ApiOkResponse({
    type: MailDetailDto,
    example: {
      ...ITEM_EXAMPLE,
      content: {
        subject: ITEM_EXAMPLE.subject,
        text: 'Kính gửi Huyện ủy Tiên Du, …',
        html: '<!doctype html><html lang="vi">…</html>',
        attachments: [
          { filename: 'han-nop.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH' },
        ],
      },
    },
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'No mail with this key',
    example: noMail(`/mail/${ENCODED_KEY}`),
  })
  get(@Param('key') key: string): Promise<MailDetailDto> {
    return this.mail.get(key);
  }

  @Post('mail/:key/resend')
  @Access({ roles: ADMIN_ONLY })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Resend a failed mail (admin) as it was rendered, with the same Message-ID',
    description:
      'Only a `failed` mail is resent; a mail already sent (or pending, or in a digest) never is. The row is ' +
      'reopened, handed to the relay, and marked `sent`; if the relay refuses, it is `failed` again with the ' +
      "relay's reason in `lastError` and the answer is 502. The key is URL-encoded as one path segment.",
  })
  @ApiParam(KEY_PARAM)
  @ApiOkResponse({
    type: MailLogItemDto,
    description: 'Sent; the row as it now stands (without the body)',
    example: { ...ITEM_EXAMPLE, attempts: 3, lastError: null, failedAt: null },
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'No mail with this key',
    example: noMail(`/mail/${ENCODED_KEY}/resend`),
  })
  @ApiConflictResponse({
    type: MailConflictProblemDto,
    description: 'The mail is not `failed` (`mailStatus` says what it is), or has no stored body',
    example: problemExample(
      'conflict',
      409,
      'Conflict',
      `mail ${KEY} is sent; only a failed mail can be resent`,
      `/mail/${ENCODED_KEY}/resend`,
      [{ field: 'status', reason: 'is sent, not failed' }],
      { mailStatus: 'sent' },
    ),
  })
  @ApiBadGatewayResponse({
    type: MailRelayProblemDto,
    description: 'The relay refused the mail or could not be reached; the row is `failed` again',
    example: {
      type: RELAY_PROBLEM_TYPE,
      title: 'Bad gateway',
      status: 502,
      detail: 'SMTP delivery failed (EENVELOPE 550 at DATA): Mailbox unavailable',
      instance: `/mail/${ENCODED_KEY}/resend`,
      errors: [
        {
          field: 'key',
          reason:
            'the mail relay did not take the mail: SMTP delivery failed (EENVELOPE 550 at DATA): Mailbox unavailable',
        },
      ],
      responseCode: 550,
      retryable: false,
    },
  })
  resend(@Param('key') key: string): Promise<MailLogItemDto> {
    return this.mail.resend(key);
  }

  @Get('deliverables/:id/mail')
  @Access({ roles: COLLECTORS, scope: { resource: 'deliverable', param: 'id' } })
  @ApiTags('deliverables')
  @ApiOperation({
    summary: 'The mail of one deliverable (admin): outbox and sent-mail log, newest first, paged',
  })
  @ApiParam({ name: 'id', example: DELIVERABLE })
  @ApiOkResponse({ type: MailPageDto, example: PAGE_EXAMPLE })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'A bad filter or page',
    example: badQuery(`/deliverables/${DELIVERABLE}/mail?pageSize=500`),
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'No such deliverable',
    example: problemExample(
      'notFound',
      404,
      'Not found',
      'no deliverable 22-KH-TU:x:HU-TIEN-DU:term',
      '/deliverables/22-KH-TU:x:HU-TIEN-DU:term/mail',
      [{ field: 'id', reason: 'no deliverable 22-KH-TU:x:HU-TIEN-DU:term' }],
    ),
  })
  forDeliverable(@Param('id') id: string, @Query() q: MailLogQuery): Promise<MailPageDto> {
    return this.mail.forDeliverable(id, q);
  }

  @Get('contacts/:id/mail')
  @Access({ roles: ['admin', 'officer'], scope: { resource: 'contact', param: 'id' } })
  @ApiTags('org')
  @ApiOperation({ summary: 'The mail of one contact (admin): newest first, paged' })
  @ApiOkResponse({ type: MailPageDto, example: PAGE_EXAMPLE })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: '`id` is not a UUID, or a bad filter or page',
    example: problemExample(
      'validation',
      400,
      'Invalid request',
      'id: must be a contact id (a UUID)',
      '/contacts/42/mail',
      [{ field: 'id', reason: 'must be a contact id (a UUID)' }],
    ),
  })
  @ApiNotFoundResponse({
    type: ProblemDto,
    description: 'No such contact',
    example: problemExample(
      'notFound',
      404,
      'Not found',
      `no contact ${CONTACT}`,
      `/contacts/${CONTACT}/mail`,
      [{ field: 'id', reason: `no contact ${CONTACT}` }],
    ),
  })
  forContact(@Param() p: ContactIdParams, @Query() q: MailLogQuery): Promise<MailPageDto> {
    return this.mail.forContact(p.id, q);
  }
}
