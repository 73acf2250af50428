import { Module, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import { AccountRepository, LoginAttemptRepository, SessionRepository } from '@dondoc/persistence';
import { DATA_SOURCE } from '../tokens';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';

const repository = <T>(type: new (ds: DataSource) => T): Provider => ({
  provide: type,
  useFactory: (ds: DataSource) => new type(ds),
  inject: [DATA_SOURCE],
});

/**
 * Accounts, sessions and sign-in. Imported first in AppModule, so its AuthGuard is the first global
 * guard: the access guard (../authz) that runs after it finds `req.principal` set.
 */
@Module({
  controllers: [AuthController, AccountsController],
  providers: [
    repository(AccountRepository),
    repository(SessionRepository),
    repository(LoginAttemptRepository),
    AuthService,
    AccountsService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccountRepository, SessionRepository],
})
export class AuthModule {}
