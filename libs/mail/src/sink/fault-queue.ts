/** One scripted refusal: the SMTP reply the sink gives instead of accepting a message. */
export interface ScriptedFault {
  responseCode: number;
  message: string;
}

/** Refusals queued by tests; each incoming message consumes at most one, in order. */
export class FaultQueue {
  private readonly pending: ScriptedFault[] = [];

  add(count: number, responseCode: number, message?: string): void {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`count must be a whole number, got ${count}`);
    if (!Number.isInteger(responseCode) || responseCode < 400 || responseCode > 599) {
      throw new RangeError(`responseCode must be a 4xx or 5xx SMTP reply code, got ${responseCode}`);
    }
    const text = message ?? (responseCode >= 500 ? 'Rejected by test sink' : 'Try again later (test sink)');
    for (let i = 0; i < count; i++) this.pending.push({ responseCode, message: text });
  }

  take(): ScriptedFault | undefined {
    return this.pending.shift();
  }
}
