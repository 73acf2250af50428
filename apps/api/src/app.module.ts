import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DondocConfig } from '@dondoc/config';
import { AuthGuard } from './auth/auth.guard';
import { AuthModule } from './auth/auth.module';
import { DeliverablesModule } from './deliverables/deliverables.module';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure.module';
import { OrgModule } from './org/org.module';
import { PlansModule } from './plans/plans.module';
import { IssuesModule } from './issues/issues.module';
import { MailModule } from './mail/mail.module';
import { PlanAcknowledgementsModule } from './plans/plan-acknowledgements.module';
import { AuditModule } from './audit/audit.module';
import { AdminModule } from './admin/admin.module';
import { AccessGuard } from './authz/access.guard';
import { AuthzModule } from './authz/authz.module';
import { WebModule } from '../../web/src/web.module';

@Module({})
export class AppModule {
  static forRoot(config: DondocConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        AuthModule,
        AuthzModule,
        HealthModule,
        DeliverablesModule,
        OrgModule,
        PlansModule,
        IssuesModule,
        MailModule,
        PlanAcknowledgementsModule,
        AuditModule,
        AdminModule,
        WebModule,
      ],
      // Global guards run in this order: who the caller is (AuthGuard) before what it may do (AccessGuard).
      // Both here: Nest runs the root module's APP_GUARDs before those of imported modules.
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
