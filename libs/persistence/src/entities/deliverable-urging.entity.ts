import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One deliverable named in one weekly digest of its plan (written by the digest, never updated). */
@Entity({ name: 'deliverable_urgings' })
export class DeliverableUrgingEntity {
  @PrimaryColumn({ name: 'deliverable_id', type: 'text' })
  deliverableId!: string;

  @PrimaryColumn({ name: 'urged_on', type: 'date' })
  urgedOn!: string;

  @Column({ name: 'plan_id', type: 'text' })
  planId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The digest's outbox workflow id and step: its mails are found by them. */
  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'text' })
  step!: string;

  @Column({ name: 'working_days_overdue', type: 'integer' })
  workingDaysOverdue!: number;

  @Column({ type: 'text', array: true })
  recipients!: string[];
}
