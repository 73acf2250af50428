import { applyDecorators } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';

/** OpenAPI of a route that needs a session: bearer or cookie, and the problems that come with it. */
export function ApiSignedIn(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    ApiBearerAuth(),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ type: ProblemDto, description: 'No session, or an expired or revoked one' }),
    ApiForbiddenResponse({
      type: ProblemDto,
      description: 'The role may not do this, or a cookie session without its X-CSRF-Token',
    }),
  );
}

export const ApiThrottled = () =>
  ApiTooManyRequestsResponse({
    type: ProblemDto,
    description: 'Too many failed sign-ins for the username or from the address; see Retry-After',
  });
