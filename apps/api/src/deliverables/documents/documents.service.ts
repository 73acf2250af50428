import { Inject, Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { DomainException } from '@dondoc/domain';
import { DocumentRepository } from '@dondoc/persistence';
import { DATA_SOURCE } from '../../tokens';
import { DeliverablesService } from '../deliverables.service';
import { DocumentDto, SubmissionResultDto, SubmitDocumentFormDto } from '../dto/document.dto';
import { checkDocument, UploadedDocument } from './document-file';
import { toDocumentDto } from './document.mapper';

export interface DocumentDownload {
  filename: string;
  contentType: string;
  sha256: string;
  content: Buffer;
}

/**
 * Submissions with a document: the bytes go to PostgreSQL, the workflow gets the name and SHA-256.
 *
 * The document is stored (committed) before the Workflow Update runs and deleted again if the
 * workflow refuses the submission. The other order is impossible (the Update must carry the
 * checksum of what is stored), and holding a transaction open across the Update would turn an API
 * crash after an accepted Update into a submission whose document is lost. This way the worst case
 * of a crash is an orphan document no submission refers to, never a submission without its document.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');
  private readonly documents: DocumentRepository;

  constructor(
    @Inject(DATA_SOURCE) dataSource: DataSource,
    private readonly deliverables: DeliverablesService,
  ) {
    this.documents = new DocumentRepository(dataSource);
  }

  async submit(
    id: string,
    form: SubmitDocumentFormDto,
    file: UploadedDocument | undefined,
    expectedVersion?: number,
  ): Promise<SubmissionResultDto> {
    // Not found, no longer owed or changed since read answers before the file is looked at or stored.
    await this.deliverables.assertSubmittable(id, expectedVersion);
    if (!file)
      throw DomainException.validation([
        { field: 'document', reason: 'attach the document as a file part named "document"' },
      ]);
    const checked = checkDocument(file);
    const stored = await this.documents.insert({ deliverableId: id, ...checked });
    try {
      const deliverable = await this.deliverables.submit(
        id,
        {
          unitId: form.unitId,
          documentName: stored.filename,
          documentSha256: stored.sha256,
          note: form.note,
          coveredContents: form.coveredContents,
        },
        expectedVersion,
      );
      return { ...deliverable, document: toDocumentDto(stored) };
    } catch (e) {
      if (refused(e)) await this.documents.delete(stored.id);
      else
        this.logger.warn(
          `document ${stored.id} kept: the submission to ${id} may have been recorded (${String(e)})`,
        );
      throw e;
    }
  }

  async list(deliverableId: string): Promise<DocumentDto[]> {
    await this.deliverables.get(deliverableId);
    return (await this.documents.listFor(deliverableId)).map(toDocumentDto);
  }

  async download(deliverableId: string, documentId: string): Promise<DocumentDownload> {
    const doc = await this.documents.findWithContent(deliverableId, documentId);
    if (!doc)
      throw new DomainException('not_found', `no document ${documentId} for deliverable ${deliverableId}`);
    return doc;
  }
}

/** Errors that prove the submission was not recorded; anything else (a timeout) leaves it unknown. */
function refused(e: unknown): boolean {
  return (
    e instanceof WorkflowUpdateFailedError ||
    e instanceof WorkflowNotFoundError ||
    e instanceof DomainException
  );
}
