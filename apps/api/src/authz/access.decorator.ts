import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import type { Role } from '../auth/principal';

/** What a route's resource is, so the access guard can check it lies within the caller's scope. */
export type ScopedResource = 'deliverable' | 'issue' | 'plan' | 'unit' | 'contact' | 'mail';

export interface AccessRule {
  /** The roles that may call the route at all; anyone else gets 403. */
  roles: readonly Role[];
  /**
   * For roles other than admin: the route parameter naming a resource that must be within the
   * caller's organisational scope (authz/scope.service.ts), else 404 — outsiders do not learn it exists.
   */
  scope?: { resource: ScopedResource; param: string };
  /** Body fields naming the unit the caller acts as (reviewerUnitId, byUnitId …): must be one it may act for. */
  actingUnitFields?: readonly string[];
  /** Body fields naming a person: a member may only name itself (its own commitment registration). */
  selfPersonFields?: readonly string[];
}

export const ACCESS_RULE = 'dondoc:access';

/**
 * The one declaration of who may call a route. Every non-public route must carry one: the access
 * guard refuses routes without it (deny by default), and the authorisation matrix test lists them.
 */
export const Access = (rule: AccessRule): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, rule),
    // The OpenAPI document says the same as the guard: who may call, and the refusals it answers.
    ApiBearerAuth(),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ type: ProblemDto, description: 'Not signed in, or the session expired' }),
    ApiForbiddenResponse({
      type: ProblemDto,
      description:
        `Only for ${rule.roles.join(', ')}` +
        (rule.actingUnitFields?.length
          ? `; ${rule.actingUnitFields.join(', ')} must be a unit you act for`
          : '') +
        '; a cookie session also needs X-CSRF-Token',
    }),
    ...(rule.scope
      ? [
          ApiNotFoundResponse({
            type: ProblemDto,
            description: `No such ${rule.scope.resource}, or not within your organisation`,
          }),
        ]
      : []),
  );

/** Any signed-in account (its own profile, logout, password change). */
export const ANY_ROLE = ['admin', 'btg', 'btv', 'officer', 'member'] as const;
