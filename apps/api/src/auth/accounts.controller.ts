import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  UseFilters,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AccountRecord } from '@dondoc/persistence';
import { ProblemDto } from '../common/problem.dto';
import { Access } from '../authz/access.decorator';
import { ApiSignedIn } from './auth-api.decorators';
import { ProblemExceptionFilter } from '../mail/mail-problem';
import { etagOf } from '../common/if-match';
import { expectedVersion, StaleVersionFilter } from '../org/if-match';
import { AccountsService } from './accounts.service';
import {
  AccountDto,
  AccountPageDto,
  CreateAccountDto,
  ListAccountsQuery,
  SetPasswordDto,
  UpdateAccountDto,
} from './dto/account.dto';

const etag = (a: AccountRecord) => etagOf(a.version);

@ApiTags('accounts')
@ApiSignedIn()
@Access({ roles: ['admin'] })
@UseFilters(ProblemExceptionFilter, StaleVersionFilter)
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @ApiOperation({ summary: 'List accounts by username; filter by role and unit' })
  @ApiOkResponse({ type: AccountPageDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  list(@Query() q: ListAccountsQuery): Promise<AccountPageDto> {
    return this.accounts.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account; its ETag is the version PATCH wants in If-Match' })
  @ApiOkResponse({ type: AccountDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async get(
    @Param('id', ParseUUIDPipe) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccountDto> {
    const account = await this.accounts.get(id);
    res.setHeader('ETag', etag(account));
    return account;
  }

  @Post()
  @ApiOperation({
    summary: 'Create an account',
    description:
      'admin: no unit. btg, btv, officer: the unit they act for. member: their cell and `personId`, a ' +
      'person with a membership there. The password: at least 10 characters, not the username.',
  })
  @ApiCreatedResponse({ type: AccountDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiConflictResponse({ type: ProblemDto, description: 'The username is taken' })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Role, unit and person disagree; weak password',
  })
  async create(
    @Body() body: CreateAccountDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccountDto> {
    const account = await this.accounts.create(body);
    res.setHeader('ETag', etag(account));
    return account;
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change display name, role, unit, person or disabled',
    description:
      'Needs the version the change is based on: `If-Match` (the ETag) or `version` in the body; ' +
      'a stale one answers 409 with the current account in `current`. Disabling ends its sessions.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The account ETag, e.g. "3"' })
  @ApiOkResponse({ type: AccountDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'Stale version (current state in `current`), or the last admin',
  })
  @ApiUnprocessableEntityResponse({ type: ProblemDto })
  async update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateAccountDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccountDto> {
    const account = await this.accounts.update(id, expectedVersion(ifMatch, body.version), body);
    res.setHeader('ETag', etag(account));
    return account;
  }

  @Post(':id/password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: "Set an account's password; its sessions end" })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiUnprocessableEntityResponse({ type: ProblemDto, description: 'Weak password (names `password`)' })
  async setPassword(@Param('id', ParseUUIDPipe) id: string, @Body() body: SetPasswordDto): Promise<void> {
    await this.accounts.setPassword(id, body.password);
  }
}
