import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A document a unit handed in for a deliverable. The bytes live here, in PostgreSQL, next to the read
 * model; workflows only ever see the name and the SHA-256, so histories stay small and free of contents.
 */
@Entity({ name: 'documents' })
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'deliverable_id', type: 'text' })
  deliverableId!: string;

  /** As the unit named it, NFC-normalised (Vietnamese names arrive composed or decomposed). */
  @Column({ type: 'text' })
  filename!: string;

  /** Taken from the sniffed content, never from what the client declared. */
  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'text' })
  sha256!: string;

  /** Not selected by default: listings and metadata reads must not pull megabytes. */
  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;
}
