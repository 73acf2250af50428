import { Module, Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AccountRepository, LoginAttemptRepository, SessionRepository } from '@dondoc/persistence';
import { DATA_SOURCE } from '../tokens';
import { AccountsController } from './accounts.controller';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

const repository = <T>(type: new (ds: DataSource) => T): Provider => ({
  provide: type,
  useFactory: (ds: DataSource) => new type(ds),
  inject: [DATA_SOURCE],
});

/**
 * Accounts, sessions and sign-in. AppModule registers AuthGuard (./auth.guard) as the first global
 * guard, with the SessionRepository exported here; the access guard (../authz) runs after it.
 */
@Module({
  controllers: [AuthController, AccountsController],
  providers: [
    repository(AccountRepository),
    repository(SessionRepository),
    repository(LoginAttemptRepository),
    AuthService,
    AccountsService,
  ],
  exports: [AccountRepository, SessionRepository, AuthService],
})
export class AuthModule {}
