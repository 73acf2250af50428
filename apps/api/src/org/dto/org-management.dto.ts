import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsInt, IsOptional, Min } from 'class-validator';
import { UNIT_TYPE_IDS } from '@dondoc/domain';
import { ProblemDto } from '../../common/problem.dto';
import { OrgUnitDto } from './org-tree.dto';

// Bodies of the management routes. The DTOs declare the shape (unknown fields are refused with 400);
// the content is checked by the org import's own rules (@dondoc/domain), so a unit or a contact is
// accepted here exactly when an import would accept it, and each problem (422) names its field.

const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$';

const VERSION_DESCRIPTION =
  'The version the change was made against, when the If-Match header cannot be sent; If-Match wins';

export class CreateUnitDto {
  @ApiProperty({ example: 'CB-TD-LIM-KP3', pattern: ID_PATTERN }) @Allow() id!: string;
  @ApiProperty({ example: 'Chi bộ khu phố 3', description: 'stored in Unicode NFC, trimmed' })
  @Allow()
  name!: string;
  @ApiProperty({ enum: UNIT_TYPE_IDS, example: 'chi-bo' }) @Allow() type!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'DBCS-TD-LIM',
    description: 'required but for the tinh-uy; its type must be one this type may hang under',
  })
  @Allow()
  parentId!: string | null;
  @ApiProperty({ format: 'date', example: '2026-01-01', description: 'inside the parent’s validity' })
  @Allow()
  validFrom!: string;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    description: 'inclusive; null = open',
  })
  @Allow()
  validTo?: string | null;
}

export class UpdateUnitDto {
  @ApiPropertyOptional({ example: 'Chi bộ khu phố 3 (sáp nhập)', description: 'rename' })
  @Allow()
  name?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'DBCS-TD-NOI-DUE',
    description: 'move under another unit (of a type this unit may hang under; no cycle)',
  })
  @Allow()
  parentId?: string | null;
  @ApiPropertyOptional({
    format: 'date',
    nullable: true,
    type: String,
    example: '2026-06-30',
    description:
      'dissolve: the last day the unit exists (refused while units under it, memberships or unfinished ' +
      'deliverables outlive it); null reopens it',
  })
  @Allow()
  validTo?: string | null;
  @ApiPropertyOptional({ example: 3, description: VERSION_DESCRIPTION })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class UnitStateDto extends OrgUnitDto {
  @ApiProperty({
    example: 1,
    description: 'row version; also the ETag ("1"); send it as If-Match to change it',
  })
  version!: number;
}

export class CreateContactDto {
  @ApiProperty({ example: 'Văn phòng Huyện ủy Tiên Du', description: 'stored in Unicode NFC, trimmed' })
  @Allow()
  name!: string;
  @ApiProperty({ example: 'vanphong.tiendu@bacninh.example', description: 'unique within the unit' })
  @Allow()
  email!: string;
  @ApiProperty({ enum: ['head', 'officer'], example: 'officer' }) @Allow() role!: string;
  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' }) @Allow() language?: string;
  @ApiPropertyOptional({ default: false, description: 'one digest mail per working day' })
  @Allow()
  digest?: boolean;
}

export class UpdateContactDto {
  @ApiPropertyOptional({ example: 'Văn phòng Huyện ủy Tiên Du' }) @Allow() name?: string;
  @ApiPropertyOptional({ example: 'vanphong.tiendu@bacninh.example' }) @Allow() email?: string;
  @ApiPropertyOptional({ enum: ['head', 'officer'] }) @Allow() role?: string;
  @ApiPropertyOptional({ enum: ['vi', 'en'] }) @Allow() language?: string;
  @ApiPropertyOptional() @Allow() digest?: boolean;
  @ApiPropertyOptional({ example: 2, description: VERSION_DESCRIPTION })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ContactStateDto {
  @ApiProperty({ format: 'uuid', example: '8c6f2b9e-4a0d-4c52-9a55-1f0f3c1b2d7e' }) id!: string;
  @ApiProperty({ example: 'HU-TIEN-DU' }) unitId!: string;
  @ApiProperty({ example: 'Văn phòng Huyện ủy Tiên Du' }) name!: string;
  @ApiProperty({ example: 'vanphong.tiendu@bacninh.example' }) email!: string;
  @ApiProperty({ enum: ['head', 'officer'] }) role!: 'head' | 'officer';
  @ApiProperty({ enum: ['vi', 'en'] }) language!: 'vi' | 'en';
  @ApiProperty() digest!: boolean;
  @ApiProperty({
    example: 1,
    description: 'row version; send it as If-Match to change or delete the contact',
  })
  version!: number;
}

export class ContactRemovalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    example: 4,
    description: 'mail log rows that named the contact: kept with recipient, unit and content, unlinked',
  })
  mailKept!: number;
  @ApiProperty({
    example: 1,
    description: 'of those, mail that had not gone out yet (send window, daily digest): marked failed',
  })
  waitingMailFailed!: number;
}

export class StaleUnitProblemDto extends ProblemDto {
  @ApiProperty({ type: UnitStateDto, description: 'the unit as it is now; reapply the change on top' })
  current!: UnitStateDto;
}

export class StaleContactProblemDto extends ProblemDto {
  @ApiProperty({ type: ContactStateDto, description: 'the contact as it is now' })
  current!: ContactStateDto;
}
