import { Global, Module } from '@nestjs/common';
import { ActingUnitsInterceptor } from './acting-units';
import { ScopeService } from './scope.service';

/** Scope resolution for every module; the AccessGuard itself is an APP_GUARD in AppModule, after the AuthGuard. */
@Global()
@Module({
  providers: [ScopeService, ActingUnitsInterceptor],
  exports: [ScopeService, ActingUnitsInterceptor],
})
export class AuthzModule {}
