import { createParamDecorator, ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { AccessScope } from './access-scope';

/** The caller's scope as the access guard resolved it, for services that filter lists with it. */
export const RequestScope = createParamDecorator((_: unknown, ctx: ExecutionContext): AccessScope => {
  const req = ctx.switchToHttp().getRequest<Request & { accessScope?: AccessScope }>();
  if (!req.accessScope) throw new UnauthorizedException('not signed in');
  return req.accessScope;
});
