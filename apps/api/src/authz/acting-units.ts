import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { DomainException, FieldProblem } from '@dondoc/domain';
import { AccessScope, mayActFor } from './access-scope';
import { ACCESS_RULE, AccessRule } from './access.decorator';

/** The body fields that name a unit the caller acts for, or a person, and are not its to name. */
export function bodyProblems(rule: AccessRule, scope: AccessScope, body: unknown): FieldProblem[] {
  if (scope.all || typeof body !== 'object' || body === null) return [];
  const b = body as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  for (const field of rule.actingUnitFields ?? []) {
    const v = b[field];
    if (typeof v === 'string' && !mayActFor(scope, v))
      problems.push({ field, reason: `you may not act for unit ${v}` });
  }
  if (scope.role === 'member')
    for (const field of rule.selfPersonFields ?? []) {
      const v = b[field];
      if (typeof v === 'string' && v !== scope.personId)
        problems.push({ field, reason: 'a member may only act for itself' });
    }
  return problems;
}

/**
 * For multipart routes: the body exists only once the upload interceptor has parsed it, so this
 * runs after it (list it after FileInterceptor) with the route's same @Access rule.
 */
@Injectable()
export class ActingUnitsInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { accessScope?: AccessScope }>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (!req.accessScope) throw new UnauthorizedException('not signed in');
    const problems = rule ? bodyProblems(rule, req.accessScope, req.body) : [];
    if (problems.length) throw new DomainException('forbidden', 'not yours to act for', problems);
    return next.handle();
  }
}
