import type { SinkArrival } from '@dondoc/mail';

/** What the benchmarks keep of a message the sink accepted: when, and its Message-ID. */
export interface Arrival {
  at: number;
  messageId: string;
}

/** The Message-ID header from the raw bytes: parsing 10⁴ whole messages would load the sink. */
function messageIdOf(raw: Buffer): string {
  const end = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1');
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? '';
}

/**
 * How long to wait for a wave of n mails due at `dueAt`: until then, plus 300 ms a mail (at least
 * 5 min) — a failure means under ~3 mails/s, far below any figure this machine has shown.
 */
export function waveTimeoutMs(dueAt: number, n: number): number {
  return Math.max(dueAt - Date.now(), 0) + Math.max(300_000, n * 300);
}

/**
 * Every arrival at the sink, in order, for the sink's `onReceive` hook; `mark()` starts a new list
 * (the wave's mails, then the baseline's) and `waitFor(n)` resolves once the current list has n.
 */
export class MailArrivals {
  private current: Arrival[] = [];
  /** The first message's bytes: the baseline sends exactly this message again. */
  sample?: Buffer;
  private waiter?: { n: number; resolve: () => void };

  readonly onReceive = (m: SinkArrival): void => {
    this.current.push({ at: m.receivedAt.getTime(), messageId: messageIdOf(m.raw) });
    this.sample ??= m.raw;
    if (this.waiter && this.current.length >= this.waiter.n) this.waiter.resolve();
  };

  get list(): readonly Arrival[] {
    return this.current;
  }

  mark(): void {
    this.current = [];
  }

  /** Resolves once n messages arrived since the last mark; fails after timeoutMs saying how many did. */
  waitFor(n: number, timeoutMs: number, label: string): Promise<void> {
    if (this.current.length >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`${label}: ${this.current.length} of ${n} mails after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.waiter = {
        n,
        resolve: () => {
          clearTimeout(timer);
          this.waiter = undefined;
          resolve();
        },
      };
    });
  }
}
