import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One sign-in attempt, counted by the rate limit (by normalised username and by IP). */
@Entity({ name: 'login_attempts' })
export class LoginAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ type: 'text' })
  ip!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'boolean' })
  ok!: boolean;
}
