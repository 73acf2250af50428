import type { StoredMail } from '@dondoc/mail';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'digested';

/** What a mail is, for the logs and the daily digest's sections. */
export type MailKind =
  | 'reminder'
  | 'overdue'
  | 'escalation'
  | 'receipt'
  | 'accepted'
  | 'returned'
  | 'extended'
  | 'waived'
  | 'cancelled'
  | 'plan-issued'
  | 'issue'
  | 'weekly-digest'
  | 'daily-digest'
  | 'delivery-failed'
  | 'other';

/** The rendered mail as it was (or will be) sent; attachments as base64 (`StoredMail` of @dondoc/mail). */
export type StoredMailContent = StoredMail;

/**
 * One row per mail that must go out exactly once. The key is derived from the workflow id and
 * the step, so a retried activity finds its own row instead of sending again.
 */
@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'workflow_id', type: 'text' })
  workflowId!: string;

  @Column({ type: 'text' })
  step!: string;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column({ type: 'text' })
  recipient!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ name: 'message_id', type: 'text', unique: true })
  messageId!: string;

  @Column({ type: 'text' })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'text', default: 'other' })
  kind!: MailKind;

  @Column({ name: 'deliverable_id', type: 'text', nullable: true })
  deliverableId!: string | null;

  @Column({ name: 'unit_id', type: 'text', nullable: true })
  unitId!: string | null;

  @Column({ name: 'plan_id', type: 'text', nullable: true })
  planId!: string | null;

  /** Personal data (addresses, names) and never document contents: PostgreSQL only, not Temporal. */
  @Column({ type: 'jsonb', nullable: true })
  content!: StoredMailContent | null;

  /** Outside the send window: the earliest instant it may go (the daily run sends it then). */
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore!: Date | null;

  /** For a `digested` row: the daily digest that carried it (null while it waits for one). */
  @Column({ name: 'digest_key', type: 'text', nullable: true })
  digestKey!: string | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt!: Date | null;

  /**
   * Prepared ahead of its instant for the deliverable at this read-model version: the instant's
   * dispatcher sends it only while the deliverable is still there (migration 1765800000000).
   */
  @Column({ name: 'staged_version', type: 'integer', nullable: true })
  stagedVersion!: number | null;

  /** A staged mail as composed for the relay (Message-ID, Date: its instant); dropped once sent. */
  @Column({ type: 'bytea', nullable: true })
  raw!: Buffer | null;
}
