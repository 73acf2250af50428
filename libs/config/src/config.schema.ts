/** Every setting dondoc reads from the environment, with its default and meaning (the README table mirrors it). */
export interface DondocConfig {
  port: number;
  publicUrl: string;
  databaseUrl: string;
  /**
   * Connections in each process's PostgreSQL pool (API, worker). Concurrent requests beyond it queue
   * for a connection; the server's max_connections bounds the sum over every process.
   */
  databasePoolSize: number;
  /** Workflow cache size of a worker process; undefined: the SDK's default (sized from the heap). */
  workerMaxCachedWorkflows?: number;
  /** The API's validated cache of plan reads (apps/api/src/common/read-model-cache.ts); 0 entries: off. */
  readCache: { maxEntries: number; maxBytes: number };
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    uiUrl: string;
    tls: boolean;
    tlsCertPath?: string;
    tlsKeyPath?: string;
    apiKey?: string;
  };
  smtpUrl: string;
  mailFrom: string;
  mailInboxUrl?: string;
  /** Largest submitted document accepted, in bytes. */
  documentMaxBytes: number;
  /** Largest attachment of a reported issue, in bytes. */
  issueAttachmentMaxBytes: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  mail: MailPolicyConfig;
  /** Signs links in mail (HMAC); from the environment, never in the repo for production. */
  linkSecret: string;
  auth: AuthConfig;
  /** Express `trust proxy`: which proxies' X-Forwarded-For names the client (audit log ip). */
  trustProxy: TrustProxy;
}

/** false: the socket's peer is the client; true: any proxy; n: that many hops; else addresses/subnets. */
export type TrustProxy = boolean | number | string[];

/** Sessions of signed-in accounts (apps/api/src/auth). */
export interface AuthConfig {
  /** A session ends this many hours after sign-in, however active. */
  sessionTtlHours: number;
  /** A session unused for this many minutes ends. */
  sessionIdleMinutes: number;
  /** Session and CSRF cookies carry `Secure` (sent over HTTPS only); false for plain-HTTP tests. */
  cookieSecure: boolean;
}

/** Hours of a working day (Vietnam time) in which mail goes out; null: any time. */
export type SendWindow = { fromMinute: number; toMinute: number } | null;

export interface MailPolicyConfig {
  /** Mails per second handed to the relay by one worker; 0: unthrottled. */
  ratePerSecond: number;
  sendWindow: SendWindow;
  /** After this many attempts a transient SMTP error is treated as permanent. */
  maxAttempts: number;
  /** Told of mail that could not be delivered, besides the unit's heads. */
  adminEmails: string[];
  /**
   * A deliverable prepares each reminder's or notice's mail this many minutes before it falls due, so
   * that a wave of them goes out in one batch at the instant; 0: each is rendered and sent at its instant.
   */
  stageLeadMinutes: number;
}

type Parser<T> = (raw: string) => T;

export interface SettingSpec<T> {
  key: string;
  description: string;
  default?: string;
  parse: Parser<T>;
  required?: boolean;
}

export const parseString: Parser<string> = (raw) => {
  if (raw.trim() === '') throw new Error('must not be empty');
  return raw;
};

export const parsePort: Parser<number> = (raw) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error('must be a port number 0–65535');
  return n;
};

export const parseBoolean: Parser<boolean> = (raw) => {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error('must be true or false');
};

export function parseUrl(...protocols: string[]): Parser<string> {
  return (raw) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new Error('must be a URL');
    }
    if (protocols.length && !protocols.includes(url.protocol.replace(/:$/, ''))) {
      throw new Error(`must use ${protocols.join(' or ')}`);
    }
    return raw;
  };
}

export const parseHostPort: Parser<string> = (raw) => {
  if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(raw)) throw new Error('must be host:port');
  return raw;
};

export function parseOneOf<T extends string>(...values: T[]): Parser<T> {
  return (raw) => {
    if (!values.includes(raw as T)) throw new Error(`must be one of ${values.join(', ')}`);
    return raw as T;
  };
}

export function parseIntegerBetween(min: number, max: number): Parser<number> {
  return (raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`must be a whole number from ${min} to ${max}`);
    return n;
  };
}

/** `08:00-17:00` (Vietnam time, working days) or `always`. */
export const parseSendWindow: Parser<SendWindow> = (raw) => {
  if (raw.trim().toLowerCase() === 'always') return null;
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(raw.trim());
  if (!m) throw new Error('must be HH:MM-HH:MM or always');
  const [fh, fm, th, tm] = m.slice(1).map(Number);
  if (fh > 23 || th > 24 || fm > 59 || tm > 59) throw new Error('must be HH:MM-HH:MM or always');
  const fromMinute = fh * 60 + fm;
  const toMinute = th * 60 + tm;
  if (toMinute <= fromMinute) throw new Error('must end after it starts');
  return { fromMinute, toMinute };
};

export const parseEmailList: Parser<string[]> = (raw) => {
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const e of list) if (!/^[^\s@]+@[^\s@]+$/.test(e)) throw new Error(`${e} is not an email address`);
  return list;
};

/**
 * `false` (no proxy), `true` (trust every hop: only behind a proxy that overwrites X-Forwarded-For),
 * a number of hops, or a comma-separated list of addresses, subnets and Express names (`loopback`,
 * `linklocal`, `uniquelocal`).
 */
export const parseTrustProxy: Parser<TrustProxy> = (raw) => {
  const v = raw.trim();
  if (/^(false|no|off)$/i.test(v)) return false;
  if (/^(true|yes|on)$/i.test(v)) return true;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const list = v.split(',').map((s) => s.trim());
  if (list.some((s) => !/^(loopback|linklocal|uniquelocal|[0-9A-Fa-f.:]+(\/\d{1,3})?)$/.test(s)))
    throw new Error('must be true, false, a number of hops, or addresses/subnets separated by commas');
  return list;
};
