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

  @Column({ name: 'next_reminder_at', type: 'timestamptz', nullable: true })
  nextReminderAt!: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  submission!: SubmissionRecord | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
