import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ContactRole = 'head' | 'officer';
export type ContactLanguage = 'vi' | 'en';

/** A person who receives a unit's mail. Personal data: stays in PostgreSQL, never in Temporal or logs. */
@Entity({ name: 'contacts' })
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'unit_id', type: 'text' })
  unitId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text', default: 'officer' })
  role!: ContactRole;

  @Column({ type: 'text', default: 'vi' })
  language!: ContactLanguage;

  /** One digest mail per working day instead of one mail per event. */
  @Column({ type: 'boolean', default: false })
  digest!: boolean;

  /** Raised by a trigger on every change: the API's If-Match / ETag (migration 1765200000000). */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
