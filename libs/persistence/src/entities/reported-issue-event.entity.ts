import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only trail of an issue's transitions and timed steps, one row per workflow version. */
@Entity({ name: 'reported_issue_events' })
export class ReportedIssueEventEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'text' }) workflowId!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ name: 'issue_id', type: 'text' }) issueId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) type!: string;
  /** The state after the event. */
  @Column({ type: 'text' }) state!: string;
  @Column({ type: 'text', nullable: true }) step!: string | null;
  @Column({ name: 'actor_unit_id', type: 'text', nullable: true }) actorUnitId!: string | null;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb', nullable: true }) detail!: Record<string, unknown> | null;
}
