import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AccountRole = 'admin' | 'btg' | 'btv' | 'officer' | 'member';

/** Who may sign in, with the role and unit they act for (migration 1765000000000). */
@Entity({ name: 'accounts' })
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Trimmed, NFC-normalised, lower-cased (normalizeUsername); unique. */
  @Column({ type: 'text', unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** `scrypt$N$r$p$salt$key` (auth/password.ts); never leaves the server. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text' })
  role!: AccountRole;

  /** Required for every role but admin (CHECK accounts_unit_by_role). */
  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId!: string | null;

  /** A member's person record. */
  @Column({ name: 'person_id', type: 'text', nullable: true })
  personId!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'password_changed_at', type: 'timestamptz' })
  passwordChangedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Raised by every change an admin makes: the If-Match of PATCH /accounts/:id. */
  @Column({ type: 'integer', default: 1 })
  version!: number;
}
