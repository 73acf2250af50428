import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person's membership of a cell (or other unit) on [validFrom, validTo], validTo inclusive. */
@Entity({ name: 'memberships' })
export class MembershipEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'person_id', type: 'text' })
  personId!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'text', default: 'member' })
  role!: 'member' | 'secretary' | 'deputy-secretary';

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;
}
