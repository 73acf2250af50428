import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES, Role } from '../principal';

export class LoginDto {
  @ApiProperty({ example: 'admin', description: 'Case-insensitive' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  username!: string;

  @ApiProperty({ example: 'correct horse battery staple', format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class SignedInAccountDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'btg' }) username!: string;
  @ApiProperty({ example: 'Ban Tuyên giáo Tỉnh ủy' }) displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, nullable: true, example: 'BTG-TU' }) unitId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "a member's person id" })
  personId!: string | null;
}

export class LoginResponseDto {
  @ApiProperty({
    description:
      'The session token: send it as `Authorization: Bearer <token>`. Browsers may rely on the ' +
      '`dondoc_session` cookie set with it instead (then echo `dondoc_csrf` in `X-CSRF-Token`).',
  })
  token!: string;

  @ApiProperty({ format: 'date-time', description: 'Absolute end of the session (SESSION_TTL_HOURS)' })
  expiresAt!: string;

  @ApiProperty({ type: SignedInAccountDto }) account!: SignedInAccountDto;
}

export class MeDto {
  @ApiProperty({ type: SignedInAccountDto }) account!: SignedInAccountDto;
  @ApiProperty({ enum: ['bearer', 'cookie'] }) via!: 'bearer' | 'cookie';
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password' })
  @IsString()
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty({ format: 'password', minLength: 10, description: 'At least 10 characters, not the username' })
  @IsString()
  newPassword!: string;
}
