import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PlanDefinition } from '@dondoc/domain';

export type PlanStatus = 'issued' | 'cancelled' | 'completed';

/** An issued plan. The definition is the validated plan file, amended in place by due-rule changes. */
@Entity({ name: 'plans' })
export class PlanEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  number!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'jsonb' })
  definition!: PlanDefinition;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  @Column({ type: 'date', nullable: true })
  until!: string | null;

  @Column({ type: 'text' })
  status!: PlanStatus;

  @Column({ name: 'workflow_id', type: 'text', unique: true })
  workflowId!: string;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
