import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One amendment of an issued plan: what changed, under which policy, and what it did. */
@Entity({ name: 'plan_amendments' })
export class PlanAmendmentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'plan_id', type: 'text' })
  planId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text', nullable: true })
  policy!: string | null;

  @Column({ type: 'jsonb' })
  detail!: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  outcome!: Record<string, unknown> | null;
}
