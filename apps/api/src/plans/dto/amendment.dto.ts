import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { SLUG_PATTERN } from '@dondoc/domain';
import type { DueRule } from '@dondoc/domain';

const UNIT_MESSAGE = 'must be a unit id';

/** Reasons are kept on every cancelled or rescheduled deliverable and in the amendment trail. */
function Reason(example: string): PropertyDecorator {
  return (target, key) => {
    ApiProperty({ example, maxLength: 2000 })(target, key);
    IsString()(target, key);
    MinLength(1)(target, key);
    MaxLength(2000)(target, key);
  };
}

export class AddUnitAmendmentDto {
  @ApiProperty({ enum: ['add-unit'] })
  @IsIn(['add-unit'])
  kind!: 'add-unit';

  @ApiProperty({
    example: 'TU-TP-TU-SON',
    description:
      'A unit already in the org tree; it gets the deliverables of every period the plan has opened',
  })
  @Matches(SLUG_PATTERN, { message: UNIT_MESSAGE })
  unitId!: string;
}

export class RemoveUnitAmendmentDto {
  @ApiProperty({ enum: ['remove-unit'] })
  @IsIn(['remove-unit'])
  kind!: 'remove-unit';

  @ApiProperty({
    example: 'TXU-TU-SON',
    description: 'Its deliverables still owed are cancelled, history kept',
  })
  @Matches(SLUG_PATTERN, { message: UNIT_MESSAGE })
  unitId!: string;

  @Reason('Sáp nhập vào Thành ủy Từ Sơn từ 01/11/2021')
  reason!: string;

  @ApiPropertyOptional({
    example: 'TU-TP-TU-SON',
    description:
      'A reorganisation: the successor unit takes over what is still owed (same period and due date)',
  })
  @IsOptional()
  @Matches(SLUG_PATTERN, { message: UNIT_MESSAGE })
  reassignTo?: string;
}

export class ChangeDueRuleAmendmentDto {
  @ApiProperty({ enum: ['change-due-rule'] })
  @IsIn(['change-due-rule'])
  kind!: 'change-due-rule';

  @ApiProperty({ example: 'annual-report' })
  @Matches(SLUG_PATTERN, { message: 'must be an obligation id' })
  obligationId!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { kind: 'yearly-date', month: 11, day: 30 },
    description: 'A due rule as in the plan file (plans/README.md); checked against the whole plan',
  })
  @IsObject()
  due!: DueRule;

  @ApiProperty({
    enum: ['recompute', 'freeze'],
    description:
      'recompute: deliverables still owed move to the new date; freeze: only periods not yet opened',
  })
  @IsIn(['recompute', 'freeze'])
  policy!: 'recompute' | 'freeze';

  @Reason('Ban Thường vụ lùi hạn báo cáo năm')
  reason!: string;
}

export type AmendmentDto = AddUnitAmendmentDto | RemoveUnitAmendmentDto | ChangeDueRuleAmendmentDto;

export const AMENDMENT_KINDS = {
  'add-unit': AddUnitAmendmentDto,
  'remove-unit': RemoveUnitAmendmentDto,
  'change-due-rule': ChangeDueRuleAmendmentDto,
} as const;
