import { ApiProperty } from '@nestjs/swagger';
import { ProblemDto } from '../../common/problem.dto';
import { PlanDto } from './plan-lifecycle.dto';

/** 409 on POST /plans: the usual problem, plus the plan already stored under that id. */
export class PlanConflictProblemDto extends ProblemDto {
  @ApiProperty({ type: PlanDto }) plan!: PlanDto;
}
