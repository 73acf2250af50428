import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A file attached to a report: bytes in PostgreSQL, never in Temporal. */
@Entity({ name: 'reported_issue_attachments' })
export class ReportedIssueAttachmentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'issue_id', type: 'text' }) issueId!: string;
  @Column({ type: 'text' }) filename!: string;
  @Column({ name: 'content_type', type: 'text' }) contentType!: string;
  @Column({ type: 'integer' }) size!: number;
  @Column({ type: 'text' }) sha256!: string;
  /** Not selected by default: listings must not pull the bytes. */
  @Column({ type: 'bytea', select: false }) content!: Buffer;
  @Column({ name: 'uploaded_at', type: 'timestamptz' }) uploadedAt!: Date;
}
