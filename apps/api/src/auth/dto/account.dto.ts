import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
import { ORG_ID_PATTERN } from '@dondoc/domain';
import { PageNumber, PageSize } from '../../common/paging.decorators';
import { ROLES, Role } from '../principal';
import { SignedInAccountDto } from './login.dto';

export class AccountDto extends SignedInAccountDto {
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ format: 'date-time' }) passwordChangedAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Send it back as If-Match (or `version`) to change the account' })
  version!: number;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountDto] }) items!: AccountDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ListAccountsQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ example: 'HU-TIEN-DU' })
  @IsOptional()
  @Matches(ORG_ID_PATTERN, { message: 'must be a unit id' })
  unitId?: string;

  @PageNumber() page = 1;
  @PageSize(200, 50) pageSize = 50;
}

export class CreateAccountDto {
  @ApiProperty({
    example: 'van-phong.tien-du',
    description: '3–64 letters, digits, `.`, `_`, `@`, `-`; stored lower-cased',
  })
  @IsString()
  @MaxLength(64)
  username!: string;

  @ApiProperty({ example: 'Văn phòng Huyện ủy Tiên Du' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ example: 'HU-TIEN-DU', description: 'Required for every role but admin' })
  @IsOptional()
  @Matches(ORG_ID_PATTERN, { message: 'must be a unit id' })
  unitId?: string;

  @ApiPropertyOptional({ example: 'DV-0001', description: 'member only: the person, a member of unitId' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  personId?: string;

  @ApiProperty({ format: 'password', minLength: 10 })
  @IsString()
  password!: string;
}

export class UpdateAccountDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'null for admin (null clears)' })
  @IsOptional()
  @Matches(ORG_ID_PATTERN, { message: 'must be a unit id' })
  unitId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  personId?: string | null;

  @ApiPropertyOptional({ description: 'A disabled account cannot sign in; its sessions end at once' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ description: 'The version the change was based on, if no If-Match header is sent' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}

export class SetPasswordDto {
  @ApiProperty({ format: 'password', minLength: 10, description: 'At least 10 characters, not the username' })
  @IsString()
  password!: string;
}
