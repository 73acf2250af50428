import { SetMetadata } from '@nestjs/common';

export const AUDITED = 'dondoc:audited';

export interface AuditedOptions {
  /** The action's stable name, instead of the one derived from controller and handler. */
  action?: string;
}

/**
 * Records a route that is not a command (a GET) in the audit log too, e.g. the export of the audit
 * log itself; on a command, only renames its action. Every POST/PUT/PATCH/DELETE is recorded anyway.
 */
export const Audited = (options: AuditedOptions = {}): MethodDecorator => SetMetadata(AUDITED, options);
