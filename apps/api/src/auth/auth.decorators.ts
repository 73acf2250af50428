import { createParamDecorator, ExecutionContext, SetMetadata, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'dondoc:public';

/** No authentication: health, the API docs, login, signed links that carry their own proof. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** The authenticated caller; throws 401 on a public route that has none. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<Request>();
  if (!req.principal) throw new UnauthorizedException('not signed in');
  return req.principal;
});
