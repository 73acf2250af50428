import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'dueDate' }) field!: string;
  @ApiProperty({ example: 'must be a date written YYYY-MM-DD' }) reason!: string;
}

/** Documents the `application/problem+json` body (RFC 9457) every error answers with. */
export class ProblemDto {
  @ApiProperty({ example: 'https://dondoc.local/problems/validation' }) type!: string;
  @ApiProperty({ example: 'Invalid request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiPropertyOptional({ example: 'dueDate: must be a date written YYYY-MM-DD' }) detail?: string;
  @ApiPropertyOptional({ example: '/deliverables' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) errors?: FieldProblemDto[];
}
