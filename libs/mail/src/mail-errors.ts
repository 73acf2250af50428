/** Common shape of a failed delivery, whichever way it should be handled. */
export abstract class MailDeliveryError extends Error {
  /** Nodemailer's error code (`EENVELOPE`, `ECONNECTION`, …) or `EUNKNOWN`. */
  readonly code: string;
  /** The SMTP reply code, when the server gave one. */
  readonly responseCode?: number;
  /** Whether sending the same message again can succeed. */
  abstract readonly retryable: boolean;

  constructor(message: string, code: string, responseCode?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.responseCode = responseCode;
  }
}

/** 5xx replies and refused recipients: the same message will be refused again, so do not retry. */
export class PermanentMailError extends MailDeliveryError {
  override readonly name = 'PermanentMailError';
  readonly retryable = false;
}

/** Connection refused, 4xx replies, timeouts: the relay may accept the same message later. */
export class TransientMailError extends MailDeliveryError {
  override readonly name = 'TransientMailError';
  readonly retryable = true;
}
