import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  IssueClock,
  IssueHolder,
  IssueLimits,
  IssueSeverity,
  IssueState,
  PausedClock,
} from '@dondoc/domain';

export interface DirectionDeliverableRecord {
  id: string;
  unitId: string;
  status: string;
  closedAt?: string;
}

export interface DirectionRecord {
  no: number;
  at: string;
  byUnitId: string;
  instructions: string;
  dueDate?: string;
  units: string[];
  deliverables: DirectionDeliverableRecord[];
}

export interface InfoRequestRecord {
  at: string;
  byUnitId: string;
  question: string;
  answeredAt?: string;
  answer?: string;
}

/**
 * Read model of one reported issue. Written by the issue workflow's projection (versioned upserts),
 * except the reporter's name, e-mail, title and description, which only the API writes.
 */
@Entity({ name: 'reported_issues' })
export class ReportedIssueEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  @Column({ name: 'plan_id', type: 'text' }) planId!: string;
  @Column({ name: 'reporter_unit_id', type: 'text' }) reporterUnitId!: string;
  /** Personal data: PostgreSQL only, never Temporal. */
  @Column({ name: 'reporter_name', type: 'text', nullable: true }) reporterName!: string | null;
  @Column({ name: 'reporter_email', type: 'text', nullable: true }) reporterEmail!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) severity!: IssueSeverity;
  @Column({ type: 'text' }) state!: IssueState;
  @Column({ type: 'text' }) holder!: IssueHolder;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'handler_unit_id', type: 'text', nullable: true }) handlerUnitId!: string | null;
  @Column({ name: 'handler_contact_id', type: 'text', nullable: true }) handlerContactId!: string | null;
  @Column({ type: 'jsonb', nullable: true }) clock!: IssueClock | null;
  @Column({ name: 'paused_clock', type: 'jsonb', nullable: true }) pausedClock!: PausedClock | null;
  @Column({ name: 'limit_at', type: 'timestamptz', nullable: true }) limitAt!: Date | null;
  @Column({ name: 'next_step_at', type: 'timestamptz', nullable: true }) nextStepAt!: Date | null;
  @Column({ name: 'next_step_kind', type: 'text', nullable: true }) nextStepKind!: string | null;
  @Column({ name: 'reminders_sent', type: 'integer' }) remindersSent!: number;
  @Column({ name: 'escalations_sent', type: 'integer' }) escalationsSent!: number;
  @Column({ name: 'reopen_count', type: 'integer' }) reopenCount!: number;
  @Column({ type: 'jsonb' }) limits!: IssueLimits;
  @Column({ type: 'jsonb' }) directions!: DirectionRecord[];
  @Column({ name: 'info_requests', type: 'jsonb' }) infoRequests!: InfoRequestRecord[];
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ name: 'reported_at', type: 'timestamptz' }) reportedAt!: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt!: Date | null;
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true }) escalatedAt!: Date | null;
  @Column({ name: 'directed_at', type: 'timestamptz', nullable: true }) directedAt!: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
