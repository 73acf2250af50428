import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { ProblemDto } from '../../common/problem.dto';
import { DocumentDto } from '../dto/document.dto';
import { DOCUMENT_KINDS } from './document-kinds';
import { contentDisposition } from './document.mapper';
import { DocumentsService } from './documents.service';
import { Access } from '../../authz/access.decorator';
import { DELIVERABLE_READERS } from '../../authz/roles';

@ApiTags('deliverables')
@Controller('deliverables')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get(':id/documents')
  @Access({ roles: DELIVERABLE_READERS, scope: { resource: 'deliverable', param: 'id' } })
  @ApiOperation({ summary: 'Documents handed in for a deliverable, oldest first (metadata only)' })
  @ApiOkResponse({ type: [DocumentDto] })
  @ApiNotFoundResponse({ type: ProblemDto })
  list(@Param('id') id: string): Promise<DocumentDto[]> {
    return this.documents.list(id);
  }

  @Get(':id/documents/:documentId')
  @Access({ roles: DELIVERABLE_READERS, scope: { resource: 'deliverable', param: 'id' } })
  @ApiOperation({
    summary: 'Download a document as it was handed in',
    description:
      'The body is the stored bytes; `Repr-Digest` carries their SHA-256 (RFC 9530) and the ETag is the hex ' +
      'SHA-256, so a client can check what it received.',
  })
  @ApiProduces(...DOCUMENT_KINDS.map((k) => k.contentType))
  @ApiOkResponse({
    description: 'The document',
    schema: { type: 'string', format: 'binary' },
    headers: {
      'Content-Disposition': {
        description: "attachment; filename=…; filename*=UTF-8''…",
        schema: { type: 'string' },
      },
      'Repr-Digest': { description: 'sha-256=:<base64>:', schema: { type: 'string' } },
    },
  })
  @ApiBadRequestResponse({ type: ProblemDto, description: '`documentId` is not a UUID' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such document for this deliverable' })
  async download(
    @Param('id') id: string,
    @Param('documentId', new ParseUUIDPipe()) documentId: string,
    @Res() res: Response,
  ): Promise<void> {
    const doc = await this.documents.download(id, documentId);
    res
      .status(200)
      .set({
        'Content-Type': doc.contentType,
        'Content-Length': String(doc.content.length),
        'Content-Disposition': contentDisposition(doc.filename),
        ETag: `"${doc.sha256}"`,
        'Repr-Digest': `sha-256=:${Buffer.from(doc.sha256, 'hex').toString('base64')}:`,
        // Stored bytes are served as stored: the browser must not second-guess the type.
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-cache',
      })
      .end(doc.content);
  }
}
