import { DynamicModule, Module } from '@nestjs/common';
import { DondocConfig } from '@dondoc/config';
import { DeliverablesModule } from './deliverables/deliverables.module';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure.module';
import { OrgModule } from './org/org.module';
import { PlansModule } from './plans/plans.module';
import { IssuesModule } from './issues/issues.module';
import { MailModule } from './mail/mail.module';
import { PlanAcknowledgementsModule } from './plans/plan-acknowledgements.module';
import { AuditModule } from './audit/audit.module';

@Module({})
export class AppModule {
  static forRoot(config: DondocConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config),
        HealthModule,
        DeliverablesModule,
        OrgModule,
        PlansModule,
        IssuesModule,
        MailModule,
        PlanAcknowledgementsModule,
        AuditModule,
      ],
    };
  }
}
