import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORG_JSON_FORMAT, UNIT_TYPE_IDS } from '@dondoc/domain';

// OpenAPI shapes of the org file format (plans/org/README.md). Requests are checked by parseOrgJson,
// not by class-validator, so every problem comes back with its JSON pointer.

export class ContactDto {
  @ApiProperty({ example: 'Văn phòng Huyện ủy Tiên Du' }) name!: string;
  @ApiProperty({ example: 'vanphong.tiendu@bacninh.example' }) email!: string;
  @ApiProperty({ enum: ['head', 'officer'] }) role!: 'head' | 'officer';
  @ApiProperty({ enum: ['vi', 'en'], default: 'vi' }) language!: 'vi' | 'en';
  @ApiProperty({ default: false, description: 'one digest mail per working day' }) digest!: boolean;
}

export class OrgUnitDto {
  @ApiProperty({ example: 'HU-TIEN-DU', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$' }) id!: string;
  @ApiProperty({ example: 'Huyện ủy Tiên Du' }) name!: string;
  @ApiProperty({ enum: UNIT_TYPE_IDS, example: 'huyen-uy' }) type!: string;
  @ApiProperty({ nullable: true, type: String, example: 'TU-BAC-NINH' }) parentId!: string | null;
  @ApiProperty({ format: 'date', example: '2020-09-25' }) validFrom!: string;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'inclusive; null = still exists',
  })
  validTo!: string | null;
  @ApiProperty({ type: [ContactDto] }) contacts!: ContactDto[];
}

export class MembershipDto {
  @ApiProperty({ example: 'CB-TD-LIM-LUNG-GIANG' }) unitId!: string;
  @ApiProperty({ enum: ['member', 'secretary', 'deputy-secretary'], default: 'member' }) role!: string;
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) validTo!: string | null;
}

export class PersonDto {
  @ApiProperty({ example: 'DV-0001' }) id!: string;
  @ApiProperty({ example: 'Nguyễn Văn Hùng' }) name!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ enum: ['party-member', 'cadre'] }) kind!: string;
  @ApiProperty({ enum: ['vi', 'en'], default: 'vi' }) language!: string;
  @ApiProperty({ type: [MembershipDto] }) memberships!: MembershipDto[];
}

export class OrgFileDto {
  @ApiProperty({ enum: [ORG_JSON_FORMAT] }) format!: string;
  @ApiPropertyOptional({ description: 'free text for people; not stored' }) note?: string;
  @ApiProperty({ type: [OrgUnitDto] }) units!: OrgUnitDto[];
  @ApiPropertyOptional({ type: [PersonDto] }) people?: PersonDto[];
}

export class UnitPageDto {
  @ApiProperty({ type: [OrgUnitDto] }) items!: OrgUnitDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

class TableChangesDto {
  @ApiProperty() inserted!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() deleted!: number;
}

class UnitChangesDto extends TableChangesDto {
  @ApiProperty({
    type: [String],
    description: 'units absent from a replace import, closed instead of deleted',
  })
  closed!: string[];
  @ApiProperty({ format: 'date', nullable: true, type: String }) closedLastDay!: string | null;
}

class ContactChangesDto extends TableChangesDto {
  @ApiProperty({ description: 'absent from a replace import but kept: mail was sent to them' })
  keptBecauseMailed!: number;
}

class PeopleChangesDto extends TableChangesDto {
  @ApiProperty({
    type: [String],
    description: 'absent from a replace import but kept: deliverables name them',
  })
  keptBecauseReferenced!: string[];
}

export class OrgImportResultDto {
  @ApiProperty({ enum: ['replace', 'merge'] }) mode!: string;
  @ApiProperty() units!: UnitChangesDto;
  @ApiProperty() contacts!: ContactChangesDto;
  @ApiProperty() people!: PeopleChangesDto;
  @ApiProperty() memberships!: TableChangesDto;
  @ApiProperty({ type: [String] }) notes!: string[];
}
