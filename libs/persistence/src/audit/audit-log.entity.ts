import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditOutcome = 'ok' | 'refused' | 'error';
export const AUDIT_OUTCOMES: readonly AuditOutcome[] = ['ok', 'refused', 'error'];

/**
 * One command the API answered: who, when, from where, what, about what, and how it ended. Rows are
 * only ever inserted (a trigger refuses UPDATE, DELETE and TRUNCATE); see AuditLogRepository.
 */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  /** bigserial: TypeORM hands it over as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId!: string | null;

  @Column({ type: 'text', nullable: true })
  username!: string | null;

  @Column({ type: 'text', nullable: true })
  role!: string | null;

  @Column({ type: 'text', nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text', nullable: true })
  route!: string | null;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', nullable: true })
  target!: string | null;

  @Column({ type: 'integer' })
  status!: number;

  @Column({ type: 'text' })
  outcome!: AuditOutcome;

  @Column({ name: 'problem_title', type: 'text', nullable: true })
  problemTitle!: string | null;

  @Column({ name: 'problem_detail', type: 'text', nullable: true })
  problemDetail!: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ type: 'jsonb', nullable: true })
  detail!: Record<string, unknown> | null;
}
