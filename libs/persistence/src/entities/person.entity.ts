import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A party member or cadre. Personal data: stays in PostgreSQL, never in Temporal or logs. */
@Entity({ name: 'people' })
export class PersonEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text' })
  kind!: 'party-member' | 'cadre';

  @Column({ type: 'text', default: 'vi' })
  language!: 'vi' | 'en';

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
