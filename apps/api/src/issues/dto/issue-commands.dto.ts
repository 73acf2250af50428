import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MAX_DIRECTION_UNITS, SLUG_PATTERN } from '@dondoc/domain';
import { IsIsoDate } from '../../common/is-iso-date.validator';

const unitId = (example: string, description: string) =>
  ApiProperty({ example, description }) as PropertyDecorator;
const text = (example: string) => ApiProperty({ example, maxLength: 5000 }) as PropertyDecorator;

class ByUnit {
  @unitId('BTG-TU', 'The unit acting (the rules say who may)')
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  byUnitId!: string;
}

export class AcknowledgeIssueDto extends ByUnit {
  @ApiPropertyOptional({ example: 'Đã tiếp nhận, giao Phòng Lý luận chính trị xử lý', maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  note?: string;
}

export class AssignHandlerDto extends ByUnit {
  @unitId('BTG-TU', 'The unit handling the issue')
  @Matches(SLUG_PATTERN, { message: 'must be a unit id' })
  handlerUnitId!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A contact of that unit: the officer in charge' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a contact id' })
  handlerContactId?: string;
}

export class RequestInfoDto extends ByUnit {
  @text('Đề nghị cho biết cụ thể số chi bộ chưa nhận được tài liệu')
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  question!: string;
}

export class AnswerInfoDto extends ByUnit {
  @text('12 chi bộ, danh sách kèm theo')
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  answer!: string;
}

export class EscalateIssueDto extends ByUnit {
  @text('Vượt thẩm quyền của Ban Tuyên giáo: cần bố trí kinh phí in bổ sung')
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason!: string;
}

export class DirectionDto extends ByUnit {
  @text('Giao Văn phòng Tỉnh ủy bố trí kinh phí; các huyện ủy tổ chức tập huấn lại trước 30/10')
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  instructions!: string;

  @ApiProperty({
    example: ['HU-TIEN-DU', 'HU-GIA-BINH'],
    description: 'Units that must act: each gets a deliverable (obligation issue-direction) due on dueDate',
  })
  @IsArray()
  @ArrayMaxSize(MAX_DIRECTION_UNITS)
  @Matches(SLUG_PATTERN, { each: true, message: 'each must be a unit id' })
  units!: string[];

  @ApiPropertyOptional({
    example: '2021-10-29',
    format: 'date',
    description: 'Required when units are named',
  })
  @IsOptional()
  @IsIsoDate()
  dueDate?: string;
}

export class ResolveIssueDto extends ByUnit {
  @text('Đã cấp bổ sung 500 bộ tài liệu cho các chi bộ')
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  resolution!: string;
}

export class CloseIssueDto extends AcknowledgeIssueDto {}

export class ReopenIssueDto extends ByUnit {
  @text('Tài liệu cấp bổ sung vẫn chưa đủ cho các chi bộ vùng xa')
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  reason!: string;
}
