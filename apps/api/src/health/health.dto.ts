import { ApiProperty } from '@nestjs/swagger';

class HealthChecksDto {
  @ApiProperty({ example: 'ok' }) postgres!: string;
  @ApiProperty({ example: 'ok' }) temporal!: string;
}

export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: HealthChecksDto }) checks!: HealthChecksDto;
}
