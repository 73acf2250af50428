import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerEnvelope, SMTPServerSession } from 'smtp-server';
import { FaultQueue } from './fault-queue';
import { formatHost, startInboxHttpServer } from './inbox-http';
import type { InboxHttpServer } from './inbox-http';
import { toReceivedMail } from './received-mail';
import type { ReceivedMail } from './received-mail';

export type { ReceivedMail } from './received-mail';

export interface SmtpSinkOptions {
  /** Interface to bind; loopback by default because the sink has no authentication. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** When set, the inbox is served over HTTP on this port (0 = a free port). */
  httpPort?: number;
  /**
   * false: accept messages without parsing or keeping them. A whole-term simulation sends
   * ~10⁴ mails whose record is the outbox; parsing each one cost a tenth of its run.
   */
  retain?: boolean;
  /**
   * Called for every message the sink accepts, retained or not, when it arrives: lets a benchmark
   * time each receipt (and read its Message-ID from the raw bytes) without the cost of parsing.
   */
  onReceive?: (message: SinkArrival) => void;
}

/** One accepted message as `onReceive` sees it: the raw bytes, unparsed. */
export interface SinkArrival {
  receivedAt: Date;
  envelope: SMTPServerEnvelope;
  raw: Buffer;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const DEFAULT_WAIT_MS = 10_000;

interface Waiter {
  matches(messages: ReceivedMail[]): boolean;
  resolve(): void;
  reject(err: Error): void;
}

/**
 * An in-process SMTP server that keeps every message it receives in memory: the embedded default
 * relay and the fixture for mail tests. Plain SMTP only (no TLS, no AUTH), bound to loopback.
 */
export class SmtpSink {
  private readonly received: ReceivedMail[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly faults = new FaultQueue();
  private readonly server: SMTPServer;
  private inbox?: InboxHttpServer;
  private boundAddress = { host: '', port: 0 };
  private stopped = false;

  private constructor(
    private readonly retain: boolean,
    private readonly onReceive?: (message: SinkArrival) => void,
  ) {
    this.server = this.createServer();
  }

  static async start(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const host = options.host ?? '127.0.0.1';
    const sink = new SmtpSink(options.retain ?? true, options.onReceive);
    await listenSmtp(sink.server, host, options.port ?? 0);
    const address = sink.server.server.address() as AddressInfo;
    sink.boundAddress = { host: formatHost(address.address), port: address.port };
    if (options.httpPort !== undefined) {
      try {
        sink.inbox = await startInboxHttpServer(sink, host, options.httpPort);
      } catch (err) {
        await sink.stop();
        throw err;
      }
    }
    return sink;
  }

  /** e.g. `smtp://127.0.0.1:40123`, ready for `createSmtpMailer`. */
  get smtpUrl(): string {
    return `smtp://${this.boundAddress.host}:${this.boundAddress.port}`;
  }

  get port(): number {
    return this.boundAddress.port;
  }

  /** Set only when started with `httpPort`. */
  get httpUrl(): string | undefined {
    return this.inbox?.url;
  }

  /** Every message received since the start or the last `clear()`, in arrival order (a copy). */
  messages(): ReceivedMail[] {
    return [...this.received];
  }

  /**
   * Resolves with the first message, already received or yet to come, that matches. Rejects after
   * `timeoutMs` with an error listing what did arrive, so a failing test says why.
   */
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<ReceivedMail> {
    return this.wait(
      (messages) => messages.find(predicate),
      timeoutMs,
      `no message matching the predicate within ${timeoutMs} ms`,
    );
  }

  /** Resolves with all messages once at least `n` have arrived. */
  waitForCount(n: number, timeoutMs = DEFAULT_WAIT_MS): Promise<ReceivedMail[]> {
    return this.wait(
      (messages) => (messages.length >= n ? [...messages] : undefined),
      timeoutMs,
      `expected at least ${n} message(s) within ${timeoutMs} ms`,
    );
  }

  clear(): void {
    this.received.length = 0;
  }

  /** Makes the next `count` messages fail at DATA with this reply, e.g. 451 (transient) or 550 (permanent). */
  failNext(count: number, responseCode: number, message?: string): void {
    this.faults.add(count, responseCode, message);
  }

  /** Stops both servers and fails any pending waits; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const waiter of this.waiters) waiter.reject(new Error('SmtpSink: stopped while waiting for mail'));
    await this.inbox?.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private createServer(): SMTPServer {
    const server = new SMTPServer({
      name: 'dondoc-sink',
      banner: 'dondoc test sink',
      secure: false,
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      allowInsecureAuth: false,
      size: MAX_MESSAGE_BYTES,
      logger: false,
      // Pooled clients may still hold a connection when a test stops the sink; do not wait long.
      closeTimeout: 1_000,
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    // Clients dropping connections emit 'error'; for a sink that is not a reason to crash the process.
    server.on('error', () => undefined);
    return server;
  }

  private onData(
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
    callback: (err?: Error | null, message?: string) => void,
  ): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', (err) => callback(err));
    stream.on('end', () => {
      if (stream.sizeExceeded) {
        return callback(smtpError(552, 'Message exceeds fixed maximum message size'));
      }
      const fault = this.faults.take();
      if (fault) return callback(smtpError(fault.responseCode, fault.message));
      const raw = Buffer.concat(chunks);
      this.onReceive?.({ receivedAt: new Date(), envelope: session.envelope, raw });
      if (!this.retain) return callback(null, 'OK: message queued');
      // Parse before replying, so a message is in messages() as soon as the client's send resolves.
      simpleParser(raw).then(
        (parsed) => {
          this.accept(toReceivedMail(parsed, session.envelope, raw, new Date()));
          callback(null, 'OK: message queued');
        },
        () => callback(smtpError(451, 'Could not parse the message')),
      );
    });
  }

  private accept(mail: ReceivedMail): void {
    this.received.push(mail);
    for (const waiter of this.waiters) {
      if (waiter.matches(this.received)) waiter.resolve();
    }
  }

  private wait<T>(
    find: (messages: ReceivedMail[]) => T | undefined,
    timeoutMs: number,
    what: string,
  ): Promise<T> {
    const found = find(this.received);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        matches: (messages) => find(messages) !== undefined,
        resolve: () => {
          settle();
          resolve(find(this.received) as T);
        },
        reject: (err) => {
          settle();
          reject(err);
        },
      };
      const timer = setTimeout(
        () => waiter.reject(new Error(`SmtpSink: ${what}. ${describeArrivals(this.received)}`)),
        timeoutMs,
      );
      this.waiters.add(waiter);
    });
  }
}

function describeArrivals(messages: readonly ReceivedMail[]): string {
  if (!messages.length) return 'No message arrived.';
  const lines = messages.map(
    (m, i) => `  #${i} ${m.receivedAt} to [${m.to.join(', ')}] ${JSON.stringify(m.subject)} ${m.messageId}`,
  );
  return `${messages.length} message(s) arrived:\n${lines.join('\n')}`;
}

function smtpError(responseCode: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode });
}

function listenSmtp(server: SMTPServer, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
