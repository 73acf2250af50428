import { Body, Controller, Delete, Get, Headers, Param, Patch, Post, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Access } from '../authz/access.decorator';
import { ProblemDto } from '../common/problem.dto';
import { ContactIdParams } from '../mail/dto/mail-queries.dto';
import { ProblemExceptionFilter } from '../mail/mail-problem';
import { problemExample } from '../mail/problem-examples';
import { ContactsService } from './contacts.service';
import {
  ContactRemovalDto,
  ContactStateDto,
  CreateContactDto,
  StaleContactProblemDto,
  UpdateContactDto,
} from './dto/org-management.dto';
import { etagOf } from '../common/if-match';
import { expectedVersion, StaleVersionFilter } from './if-match';
import {
  etagHeader,
  ifMatchHeader,
  preconditionRequiredExample,
  staleExample,
  unitNotFoundExample,
} from './org-api-examples';
import { ORG_READERS } from './units.controller';

const CONTACT_ID = '8c6f2b9e-4a0d-4c52-9a55-1f0f3c1b2d7e';
const CONTACT_EXAMPLE: ContactStateDto = {
  id: CONTACT_ID,
  unitId: 'HU-TIEN-DU',
  name: 'Văn phòng Huyện ủy Tiên Du',
  email: 'vanphong.tiendu@bacninh.example',
  role: 'officer',
  language: 'vi',
  digest: false,
  version: 1,
};
const CONTACT_PATH = `/contacts/${CONTACT_ID}`;

const contactNotFound = problemExample(
  'notFound',
  404,
  'Not found',
  `no contact with id "${CONTACT_ID}"`,
  CONTACT_PATH,
  [{ field: 'id', reason: 'no such contact' }],
);
const badContactId = problemExample(
  'validation',
  400,
  'Invalid request',
  'id: must be a contact id (a UUID)',
  '/contacts/42',
  [{ field: 'id', reason: 'must be a contact id (a UUID)' }],
);
const invalidContact = (instance: string) =>
  problemExample(
    'validation',
    422,
    'Invalid request',
    'email: must be an e-mail address like name@example.vn, got "vanphong@"; language: must be one of vi, en, got "fr"',
    instance,
    [
      { field: 'email', reason: 'must be an e-mail address like name@example.vn, got "vanphong@"' },
      { field: 'language', reason: 'must be one of vi, en, got "fr"' },
    ],
  );
const duplicate = (instance: string) =>
  problemExample(
    'conflict',
    409,
    'Conflict',
    'vanphong.tiendu@bacninh.example is already a contact of this unit',
    instance,
    [{ field: 'email', reason: 'vanphong.tiendu@bacninh.example is already a contact of this unit' }],
  );
/**
 * The people who receive a unit's mail, one at a time: an admin, or the unit's own officer, keeps
 * them current without a re-import. Rules are the org import's (e-mail, role, language, NFC names).
 */
@ApiTags('org')
@UseFilters(ProblemExceptionFilter, StaleVersionFilter)
@Controller()
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get('units/:id/contacts')
  @Access({ roles: ORG_READERS, scope: { resource: 'unit', param: 'id' } })
  @ApiOperation({ summary: 'A unit’s contacts with their ids and versions, heads first' })
  @ApiParam({ name: 'id', example: 'HU-TIEN-DU' })
  @ApiOkResponse({ type: [ContactStateDto], example: [CONTACT_EXAMPLE] })
  @ApiNotFoundResponse({ type: ProblemDto, example: unitNotFoundExample('/units/HU-KHONG-CO/contacts') })
  list(@Param('id') unitId: string): Promise<ContactStateDto[]> {
    return this.contacts.list(unitId);
  }

  @Post('units/:id/contacts')
  @Access({ roles: ['admin', 'officer'], scope: { resource: 'unit', param: 'id' } })
  @ApiOperation({
    summary: 'Add a contact to a unit (admin, or the unit’s officer)',
    description:
      'The name is stored in Unicode NFC and trimmed; `language` defaults to vi, `digest` to false.',
  })
  @ApiParam({ name: 'id', example: 'HU-TIEN-DU' })
  @ApiCreatedResponse({ type: ContactStateDto, headers: etagHeader('contact'), example: CONTACT_EXAMPLE })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'An unknown field',
    example: problemExample(
      'validation',
      400,
      'Invalid request',
      'phone: property phone should not exist',
      '/units/HU-TIEN-DU/contacts',
      [{ field: 'phone', reason: 'property phone should not exist' }],
    ),
  })
  @ApiNotFoundResponse({ type: ProblemDto, example: unitNotFoundExample('/units/HU-KHONG-CO/contacts') })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'The address is already a contact of this unit',
    example: duplicate('/units/HU-TIEN-DU/contacts'),
  })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'A field refused by the org rules; each problem names it',
    example: invalidContact('/units/HU-TIEN-DU/contacts'),
  })
  async create(
    @Param('id') unitId: string,
    @Body() body: CreateContactDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContactStateDto> {
    const contact = await this.contacts.create(unitId, body);
    res.setHeader('ETag', etagOf(contact.version)).location(`/units/${encodeURIComponent(unitId)}/contacts`);
    return contact;
  }

  @Patch('contacts/:id')
  @Access({ roles: ['admin', 'officer'], scope: { resource: 'contact', param: 'id' } })
  @ApiOperation({
    summary: 'Change a contact (admin, or its unit’s officer); If-Match required',
    description:
      'Only the fields sent change; the result is checked whole by the org rules. Made only if the contact ' +
      'is still at the version in If-Match (or `version`).',
  })
  @ApiParam({ name: 'id', example: CONTACT_ID })
  @ApiHeader(ifMatchHeader('contact'))
  @ApiOkResponse({
    type: ContactStateDto,
    headers: etagHeader('contact'),
    example: { ...CONTACT_EXAMPLE, digest: true, version: 2 },
  })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'Not a contact id, an unknown field, a malformed If-Match',
    example: badContactId,
  })
  @ApiNotFoundResponse({ type: ProblemDto, example: contactNotFound })
  @ApiConflictResponse({
    type: StaleContactProblemDto,
    description:
      'Changed since the version given (`current` is the contact now), or the new address is taken',
    example: staleExample(CONTACT_PATH, { ...CONTACT_EXAMPLE, digest: true, version: 2 }),
  })
  @ApiResponse({
    status: 428,
    type: ProblemDto,
    description: 'Neither If-Match nor `version`',
    example: preconditionRequiredExample(CONTACT_PATH),
  })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, example: invalidContact(CONTACT_PATH) })
  async update(
    @Param() p: ContactIdParams,
    @Body() body: UpdateContactDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ContactStateDto> {
    const contact = await this.contacts.update(p.id, body, expectedVersion(ifMatch, body.version));
    res.setHeader('ETag', etagOf(contact.version));
    return contact;
  }

  @Delete('contacts/:id')
  @Access({ roles: ['admin', 'officer'], scope: { resource: 'contact', param: 'id' } })
  @ApiOperation({
    summary: 'Remove a contact (admin, or its unit’s officer); If-Match required',
    description:
      'The contact is deleted; its mail log stays readable (GET /mail, GET /mail/{key}, by unit): each row ' +
      'keeps its recipient, unit, subject and content and loses only the link to the contact. Mail that had ' +
      'not gone out yet (waiting for the send window or a daily digest) is marked failed with the reason, ' +
      'so it is not sent to someone removed.',
  })
  @ApiParam({ name: 'id', example: CONTACT_ID })
  @ApiHeader(ifMatchHeader('contact'))
  @ApiOkResponse({ type: ContactRemovalDto, example: { id: CONTACT_ID, mailKept: 4, waitingMailFailed: 1 } })
  @ApiBadRequestResponse({ type: ProblemDto, example: badContactId })
  @ApiNotFoundResponse({ type: ProblemDto, example: contactNotFound })
  @ApiConflictResponse({
    type: StaleContactProblemDto,
    example: staleExample(CONTACT_PATH, { ...CONTACT_EXAMPLE, digest: true, version: 2 }),
  })
  @ApiResponse({ status: 428, type: ProblemDto, example: preconditionRequiredExample(CONTACT_PATH) })
  remove(
    @Param() p: ContactIdParams,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<ContactRemovalDto> {
    return this.contacts.remove(p.id, expectedVersion(ifMatch, undefined));
  }
}
