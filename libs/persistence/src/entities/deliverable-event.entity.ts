import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only trail of a deliverable's transitions, one row per workflow version. */
@Entity({ name: 'deliverable_events' })
export class DeliverableEventEntity {
  @PrimaryColumn({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ name: 'deliverable_id', type: 'text' })
  deliverableId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', nullable: true })
  step!: string | null;

  @Column({ name: 'actor_unit_id', type: 'text', nullable: true })
  actorUnitId!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'person_id', type: 'text', nullable: true })
  personId!: string | null;
}
