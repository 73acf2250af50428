import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { SLUG_PATTERN } from '@dondoc/domain';

/** The query of the acknowledgement link in the plan-issued mail. */
export class AcknowledgePlanQuery {
  @ApiProperty({ example: 'HU-TIEN-DU', description: 'The unit acknowledging receipt' })
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  unit!: string;

  @ApiProperty({
    example: 'q0lGQ6C3mR2w9sQn1Rk7pN2nXb1oT8Lr3uVx0dYJ4aA',
    description: 'HMAC of plan and unit (LINK_SECRET), as the mail carries it',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;
}

export class PlanAcknowledgementResultDto {
  @ApiProperty({ example: '22-KH-TU' }) planId!: string;
  @ApiProperty({ example: '22-KH/TU' }) planNumber!: string;
  @ApiProperty({ example: 'Kế hoạch học tập và triển khai thực hiện Chuyên đề toàn khóa …' })
  planTitle!: string;
  @ApiProperty({ example: 'HU-TIEN-DU' }) unitId!: string;
  @ApiProperty({ example: 'Huyện ủy Tiên Du' }) unitName!: string;
  @ApiProperty({
    format: 'date-time',
    example: '2021-08-16T02:14:07.000Z',
    description: 'The first acknowledgement',
  })
  at!: string;
  @ApiProperty({ example: 'mail-link' }) via!: string;
  @ApiProperty({ example: false, description: 'true when this unit had already acknowledged the plan' })
  alreadyAcknowledged!: boolean;
}

export class PlanAcknowledgementDto {
  @ApiProperty({ example: 'HU-TIEN-DU' }) unitId!: string;
  @ApiProperty({ example: 'Huyện ủy Tiên Du' }) unitName!: string;
  @ApiProperty({ format: 'date-time', example: '2021-08-16T02:14:07.000Z' }) at!: string;
  @ApiProperty({ example: 'mail-link' }) via!: string;
}

export class PlanUnitRefDto {
  @ApiProperty({ example: 'DU-XA-LAC-VE' }) unitId!: string;
  @ApiProperty({ example: 'Đảng ủy xã Lạc Vệ' }) unitName!: string;
}

export class PlanAcknowledgementsDto {
  @ApiProperty({ example: '22-KH-TU' }) planId!: string;
  @ApiProperty({ example: '22-KH/TU' }) planNumber!: string;
  @ApiProperty({
    type: [PlanAcknowledgementDto],
    description: 'Units that acknowledged receipt, first first',
  })
  acknowledged!: PlanAcknowledgementDto[];
  @ApiProperty({
    type: [PlanUnitRefDto],
    description: 'Units owing deliverables in the plan that have not acknowledged it, by id',
  })
  notAcknowledged!: PlanUnitRefDto[];
}
