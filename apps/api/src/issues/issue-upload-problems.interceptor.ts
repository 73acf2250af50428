import {
  BadRequestException,
  CallHandler,
  HttpException,
  HttpStatus,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { formatBytes } from '../deliverables/documents/document-limits';
import { issueAttachmentMaxBytes, MAX_ISSUE_ATTACHMENTS } from './issue-attachments';

const problem = (status: number, message: string, reason: string) =>
  new HttpException({ message, errors: [{ field: 'attachments', reason }] }, status);

/** Placed before multer's interceptor: its terse errors become problems naming `attachments`. */
@Injectable()
export class IssueUploadProblemsInterceptor implements NestInterceptor {
  private readonly maxBytes = issueAttachmentMaxBytes();

  intercept(_context: unknown, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((e: unknown) => throwError(() => this.explain(e))));
  }

  private explain(e: unknown): unknown {
    if (e instanceof PayloadTooLargeException)
      return problem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'Attachment too large',
        `each file at most ${formatBytes(this.maxBytes)}`,
      );
    const code =
      e instanceof BadRequestException ? (e.cause as { code?: string } | undefined)?.code : undefined;
    if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT')
      return problem(
        HttpStatus.BAD_REQUEST,
        'Invalid request',
        `at most ${MAX_ISSUE_ATTACHMENTS} files, each in a part named "attachments"`,
      );
    return e;
  }
}
