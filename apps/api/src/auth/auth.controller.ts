import { setAuditActor } from '../audit/audit-actor';
import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DondocConfig } from '@dondoc/config';
import { ProblemDto } from '../common/problem.dto';
import { ANY_ROLE, Access } from '../authz/access.decorator';
import { DONDOC_CONFIG } from '../tokens';
import { ApiSignedIn, ApiThrottled } from './auth-api.decorators';
import { clearSessionCookies, setSessionCookies } from './auth-cookies';
import { CurrentPrincipal, Public } from './auth.decorators';
import { withAuthHeaders } from './auth.errors';
import { AuthService, ClientInfo, toSignedInAccount } from './auth.service';
import { ChangePasswordDto, LoginDto, LoginResponseDto, MeDto } from './dto/login.dto';
import type { Principal } from './principal';

export const clientOf = (req: Request): ClientInfo => ({
  ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
  userAgent: req.headers['user-agent'],
});

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(DONDOC_CONFIG) private readonly config: DondocConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in: a session token, and the session + CSRF cookies for browsers',
    description:
      'Answers the token (send it as `Authorization: Bearer`) and sets the HttpOnly `dondoc_session` ' +
      'cookie and the readable `dondoc_csrf` cookie: a cookie session must echo `dondoc_csrf` in ' +
      '`X-CSRF-Token` on POST, PUT, PATCH and DELETE. An unknown user, a wrong password and a ' +
      'disabled account all answer the same 401. More than 5 failures for a username, or 30 from an ' +
      'address, within 15 minutes: 429 with Retry-After.',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'Wrong username or password' })
  @ApiThrottled()
  async login(
    @Body() body: LoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResponseDto> {
    const { session, account } = await withAuthHeaders(
      res,
      this.auth.login(body.username, body.password, clientOf(req)),
    );
    setSessionCookies(res, session, this.config.auth.cookieSecure);
    // No principal exists yet on this request: name the account that signed in for the audit log.
    setAuditActor(res, { accountId: account.id, username: account.username, role: account.role });
    res.setHeader('Cache-Control', 'no-store');
    return {
      token: session.token,
      expiresAt: new Date(session.expiresAt).toISOString(),
      account: toSignedInAccount(account),
    };
  }

  @Post('logout')
  @Access({ roles: ANY_ROLE })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiSignedIn()
  @ApiOperation({ summary: 'Sign out: the session ends and its cookies are cleared' })
  @ApiNoContentResponse()
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout(principal);
    clearSessionCookies(res, this.config.auth.cookieSecure);
  }

  @Get('me')
  @Access({ roles: ANY_ROLE })
  @ApiSignedIn()
  @ApiOperation({ summary: 'The signed-in account and how this request authenticated' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    const { account, expiresAt } = await this.auth.me(principal);
    return { account: toSignedInAccount(account), via: principal.via, expiresAt: expiresAt.toISOString() };
  }

  @Post('password')
  @Access({ roles: ANY_ROLE })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiSignedIn()
  @ApiOperation({
    summary: 'Change your own password; your other sessions end',
    description: 'The new password: at least 10 characters and not the username (422 naming `newPassword`).',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ProblemDto })
  @ApiUnprocessableEntityResponse({
    type: ProblemDto,
    description: 'Wrong current password, or a weak new one',
  })
  @ApiThrottled()
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await withAuthHeaders(
      res,
      this.auth.changePassword(principal, body.currentPassword, body.newPassword, clientOf(req)),
    );
  }
}
