import { Module } from '@nestjs/common';
import { PlanAcknowledgementsController } from './plan-acknowledgements.controller';
import { PlanAcknowledgementsService } from './plan-acknowledgements.service';

/** Plan acknowledgements (the signed link in the plan-issued mail); apart from PlansModule's routes. */
@Module({
  controllers: [PlanAcknowledgementsController],
  providers: [PlanAcknowledgementsService],
})
export class PlanAcknowledgementsModule {}
