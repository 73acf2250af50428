import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { issueAttachmentMaxBytes, MAX_ISSUE_ATTACHMENTS } from './issue-attachments';
import { IssuesCommandsController } from './issues-commands.controller';
import { IssuesController } from './issues.controller';
import { IssuesService } from './issues.service';
import { IssueUploadProblemsInterceptor } from './issue-upload-problems.interceptor';

@Module({
  imports: [
    // Memory storage: attachments go straight to PostgreSQL, never to the API's disk.
    MulterModule.registerAsync({
      useFactory: () => ({
        limits: {
          fileSize: issueAttachmentMaxBytes(),
          files: MAX_ISSUE_ATTACHMENTS,
          fields: 20,
          fieldSize: 16 * 1024,
        },
        defParamCharset: 'utf8',
      }),
    }),
  ],
  controllers: [IssuesController, IssuesCommandsController],
  providers: [IssuesService, IssueUploadProblemsInterceptor],
  // The web UI (apps/web) reports issues through the same service.
  exports: [IssuesService],
})
export class IssuesModule {}
