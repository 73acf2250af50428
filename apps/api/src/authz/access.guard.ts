import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainException } from '@dondoc/domain';
import { PUBLIC_ROUTE } from '../auth/auth.decorators';
import { AccessScope } from './access-scope';
import { ACCESS_RULE, AccessRule } from './access.decorator';
import { bodyProblems } from './acting-units';
import { ScopeService } from './scope.service';

/**
 * The one place where "may this caller do this?" is decided, after authentication: the route's
 * @Access rule (deny by default when it has none), the caller's role, the resource named by the
 * route within its organisational scope (outsiders get 404, not a hint that it exists), and the
 * units a JSON body makes it act for. Multipart bodies are checked after upload parsing by
 * ActingUnitsInterceptor with the same rule.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly reflector: Reflector,
    private readonly scopes: ScopeService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = ctx.switchToHttp().getRequest<Request & { accessScope?: AccessScope }>();
    const principal = req.principal;
    if (!principal) throw new UnauthorizedException('not signed in');
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, targets);
    if (!rule) {
      this.logger.error(`${ctx.getClass().name}.${ctx.getHandler().name} has no @Access rule; refused`);
      throw new DomainException('forbidden', 'this route declares no access rule');
    }
    if (!rule.roles.includes(principal.role))
      throw new DomainException('forbidden', `the role ${principal.role} may not do this`);
    const scope = await this.scopes.forRequest(req, principal);
    if (rule.scope) {
      const id = req.params[rule.scope.param];
      const id1 = Array.isArray(id) ? id[0] : id;
      if (id1 !== undefined && (await this.scopes.sees(scope, rule.scope.resource, id1)) === false)
        throw new DomainException('not_found', `no ${rule.scope.resource} ${id1}`);
    }
    if (!req.is('multipart/form-data')) {
      const problems = bodyProblems(rule, scope, req.body);
      if (problems.length) throw new DomainException('forbidden', 'not yours to act for', problems);
    }
    return true;
  }
}
