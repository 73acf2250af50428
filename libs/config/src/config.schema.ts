/** Every setting dondoc reads from the environment, with its default and meaning (the README table mirrors it). */
export interface DondocConfig {
  port: number;
  publicUrl: string;
  databaseUrl: string;
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
