import { ApiProperty } from '@nestjs/swagger';
import { AUDIT_OUTCOMES, AuditOutcome } from '@dondoc/persistence';

/** One recorded command: who, when, from where, what, about what, how it ended. Never a request body. */
export class AuditEntryDto {
  @ApiProperty({ example: '1042', description: 'Increasing with each row (bigint, as a string)' })
  id!: string;
  @ApiProperty({ format: 'date-time', example: '2026-11-29T03:12:45.123Z' }) at!: string;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    example: '3b0f7a52-8c1e-4d6a-9f3e-2a7d5c9e1b44',
    description: 'null for anonymous attempts (not signed in, a failed login)',
  })
  accountId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'btg.nguyen' }) username!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'btg' }) role!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '203.113.152.7',
    description: 'The client address (behind a proxy: as TRUST_PROXY allows)',
  })
  ip!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) …' })
  userAgent!: string | null;
  @ApiProperty({ example: 'POST' }) method!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '/deliverables/:id/review',
    description: 'The route pattern; null when no route matched',
  })
  route!: string | null;
  @ApiProperty({
    example: '/deliverables/22-KH-TU:implementation-plan:HU-TIEN-DU:term/review',
    description: 'The path as sent, without the query string',
  })
  path!: string;
  @ApiProperty({
    example: 'deliverables.review',
    description: '`<controller>.<handler>`, stable across paths; `unmatched` when no route matched',
  })
  action!: string;
  @ApiProperty({ nullable: true, type: String, example: '22-KH-TU:implementation-plan:HU-TIEN-DU:term' })
  target!: string | null;
  @ApiProperty({ example: 200, description: 'The HTTP status answered' }) status!: number;
  @ApiProperty({
    enum: AUDIT_OUTCOMES,
    example: 'ok',
    description: 'ok: 2xx/3xx; refused: 4xx; error: 5xx or the response was cut off',
  })
  outcome!: AuditOutcome;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'The problem title of a refusal' })
  problemTitle!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: null,
    description: 'The problem detail of a refusal, shortened',
  })
  problemDetail!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '6f1c2d3e-4b5a-4978-8a9b-0c1d2e3f4a5b',
    description: 'The X-Request-Id answered (the caller’s, if it sent a plain one)',
  })
  requestId!: string | null;
  @ApiProperty({ example: 182 }) durationMs!: number;
  @ApiProperty({
    nullable: true,
    type: 'object',
    additionalProperties: true,
    example: null,
    description: 'Non-personal fields some commands add',
  })
  detail!: Record<string, unknown> | null;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items!: AuditEntryDto[];
  @ApiProperty({ example: 1 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
}
