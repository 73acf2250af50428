import { DataSource } from 'typeorm';
import { DocumentEntity } from './entities/document.entity';

export type DocumentMeta = Omit<DocumentEntity, 'content'>;

export interface NewDocument {
  deliverableId: string;
  filename: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

const META = {
  id: true,
  deliverableId: true,
  filename: true,
  contentType: true,
  size: true,
  sha256: true,
  uploadedAt: true,
} as const;

/** Stored submission documents: written once, read back whole only when downloaded. */
export class DocumentRepository {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(DocumentEntity);
  }

  async insert(d: NewDocument): Promise<DocumentMeta> {
    const rows: { id: string; uploaded_at: Date }[] = await this.ds.query(
      `INSERT INTO documents (deliverable_id, filename, content_type, size, sha256, content)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, uploaded_at`,
      [d.deliverableId, d.filename, d.contentType, d.content.length, d.sha256, d.content],
    );
    const { content, ...meta } = d;
    return { ...meta, id: rows[0].id, size: content.length, uploadedAt: rows[0].uploaded_at };
  }

  /** Compensation for a refused submission: the document was never part of any submission. */
  async delete(id: string): Promise<void> {
    await this.repo.delete({ id });
  }

  findMeta(deliverableId: string, id: string): Promise<DocumentMeta | null> {
    return this.repo.findOne({ select: META, where: { id, deliverableId } });
  }

  findWithContent(deliverableId: string, id: string): Promise<DocumentEntity | null> {
    return this.repo.findOne({ select: { ...META, content: true }, where: { id, deliverableId } });
  }

  listFor(deliverableId: string): Promise<DocumentMeta[]> {
    return this.repo.find({ select: META, where: { deliverableId }, order: { uploadedAt: 'ASC' } });
  }
}
