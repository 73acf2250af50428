import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A node of the org tree (Tỉnh ủy, a level-1 committee, a grassroots organisation, a cell…). */
@Entity({ name: 'units' })
export class UnitEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'parent_id', type: 'text', nullable: true })
  parentId!: string | null;

  /** Effective dating: the tree is reorganised during a term while history stays true. */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  /** Raised by a trigger on every change: the API's If-Match / ETag (migration 1765200000000). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
