import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  HttpException,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { DOCUMENT_LIMITS, DocumentLimits, formatBytes } from './document-limits';

interface MulterCause {
  code?: string;
  field?: string;
}

const problem = (status: number, message: string, field: string, reason: string) =>
  new HttpException({ message, errors: [{ field, reason }] }, status);

/**
 * Placed before multer's interceptor: turns multer's terse errors ("File too large") into problems
 * that name the field and say what to do.
 */
@Injectable()
export class UploadProblemsInterceptor implements NestInterceptor {
  constructor(@Inject(DOCUMENT_LIMITS) private readonly limits: DocumentLimits) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((e: unknown) => throwError(() => this.explain(e))));
  }

  private explain(e: unknown): unknown {
    if (e instanceof PayloadTooLargeException)
      return problem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'Document too large',
        'document',
        `larger than the ${formatBytes(this.limits.maxBytes)} limit`,
      );
    if (e instanceof BadRequestException && typeof e.cause === 'object' && e.cause !== null) {
      const { code, field } = e.cause as MulterCause;
      if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT')
        return problem(
          HttpStatus.BAD_REQUEST,
          'Invalid request',
          field ?? 'document',
          'send exactly one file, in the part named "document"',
        );
      if (code?.startsWith('LIMIT_'))
        return problem(HttpStatus.BAD_REQUEST, 'Invalid request', field ?? 'body', e.message);
    }
    return e;
  }
}
