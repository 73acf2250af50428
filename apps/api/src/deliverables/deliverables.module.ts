import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { ReadCacheModule } from '../common/read-cache.module';
import { DeliverablesController } from './deliverables.controller';
import { DeliverablesService } from './deliverables.service';
import { DOCUMENT_LIMITS, documentLimitsFrom } from './documents/document-limits';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { UploadProblemsInterceptor } from './documents/upload-problems.interceptor';

@Module({
  imports: [
    ReadCacheModule,
    // Memory storage (no `dest`): the bytes go straight to PostgreSQL, never to the API's disk.
    MulterModule.registerAsync({
      useFactory: () => ({
        limits: {
          fileSize: documentLimitsFrom().maxBytes,
          files: 1,
          fields: 20,
          fieldSize: 16 * 1024,
          parts: 21,
        },
        // Browsers send the file name as raw UTF-8; busboy's default would read it as latin1.
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [DeliverablesController, DocumentsController],
  providers: [
    DeliverablesService,
    DocumentsService,
    UploadProblemsInterceptor,
    { provide: DOCUMENT_LIMITS, useFactory: () => documentLimitsFrom() },
  ],
  // The web UI (apps/web) renders and submits through the same services.
  exports: [DeliverablesService, DocumentsService],
})
export class DeliverablesModule {}
