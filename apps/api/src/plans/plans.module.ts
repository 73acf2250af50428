import { Module } from '@nestjs/common';
import { ReadCacheModule } from '../common/read-cache.module';
import { PlanLifecycleController } from './plan-lifecycle.controller';
import { PlanAmendmentsService } from './plan-amendments.service';
import { PlanIssueService } from './plan-issue.service';
import { PlanReadService } from './plan-read.service';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

@Module({
  imports: [ReadCacheModule],
  // PlansController first: its literal routes (/plans/validate, /plans/preview) must win over `:id`.
  controllers: [PlansController, PlanLifecycleController],
  providers: [PlansService, PlanIssueService, PlanReadService, PlanAmendmentsService],
  // The web UI (apps/web: BTV summaries, admin plan upload) uses the same services.
  exports: [PlansService, PlanIssueService, PlanReadService],
})
export class PlansModule {}
