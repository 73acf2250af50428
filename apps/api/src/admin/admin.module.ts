import { Module } from '@nestjs/common';
import { AdminWorkflowsController } from './admin-workflows.controller';
import { AdminWorkflowsService } from './admin-workflows.service';

/** Admin inspection and repair of workflows (Temporal visibility, history, timeline, actions). */
@Module({
  controllers: [AdminWorkflowsController],
  providers: [AdminWorkflowsService],
})
export class AdminModule {}
