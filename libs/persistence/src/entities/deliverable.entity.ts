import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { DeliverableStatus } from '@dondoc/domain';

export interface SubmissionRecord {
  submittedAt: string;
  submittedByUnit: string;
  documentName: string;
  documentSha256?: string;
  note?: string;
  coveredContents: string[];
}

export interface ReviewRecord {
  decision: 'accept' | 'return';
  at: string;
  reviewerUnitId: string;
  comments?: string;
  newDueDate?: string;
}

export interface ExtensionRecord {
  at: string;
  from: string;
  to: string;
  reason: string;
  grantedByUnitId: string;
}

/**
 * Read model of one deliverable, written only by the workflow's projection activity.
 * `version` grows with every transition, so a late or repeated write can never move it backwards.
 */
@Entity({ name: 'deliverables' })
export class DeliverableEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId!: string;

  @Column({ name: 'plan_id', type: 'text' })
  planId!: string;

  @Column({ name: 'obligation_id', type: 'text' })
  obligationId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'text' })
  period!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'due_date', type: 'date' })
  dueDate!: string;

  @Column({ type: 'text' })
  status!: DeliverableStatus;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'reminders_sent', type: 'integer', default: 0 })
  remindersSent!: number;

  @Column({ name: 'next_step_at', type: 'timestamptz', nullable: true })
  nextStepAt!: Date | null;

  @Column({ name: 'next_step_kind', type: 'text', nullable: true })
  nextStepKind!: string | null;

  @Column({ name: 'escalations_sent', type: 'integer', default: 0 })
  escalationsSent!: number;

  @Column({ name: 'plan_number', type: 'text', nullable: true })
  planNumber!: string | null;

  @Column({ name: 'plan_title', type: 'text', nullable: true })
  planTitle!: string | null;

  @Column({ type: 'text', nullable: true })
  clause!: string | null;

  @Column({ name: 'collector_unit_id', type: 'text', nullable: true })
  collectorUnitId!: string | null;

  /** The instant the current deadline passes; the four reporting buckets are computed from it. */
  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt!: Date;

  @Column({ name: 'required_contents', type: 'jsonb', default: () => "'[]'" })
  requiredContents!: string[];

  @Column({ name: 'last_review', type: 'jsonb', nullable: true })
  lastReview!: ReviewRecord | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  extensions!: ExtensionRecord[];

  @Column({ type: 'integer', default: 0 })
  returns!: number;

  @Column({ name: 'closed_reason', type: 'text', nullable: true })
  closedReason!: string | null;

  /** Per-person obligations: how many members of the cell owe it, and how many have registered. */
  @Column({ name: 'member_count', type: 'integer', default: 0 })
  memberCount!: number;

  @Column({ name: 'registered_count', type: 'integer', default: 0 })
  registeredCount!: number;

  /** After the escalation chain, the plan's weekly digest urges it (not its own workflow). */
  @Column({ name: 'weekly_by_plan', type: 'boolean', default: false })
  weeklyByPlan!: boolean;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  submission!: SubmissionRecord | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
