import {
  DondocConfig,
  parseBoolean,
  parseHostPort,
  parseIntegerBetween,
  parseOneOf,
  parsePort,
  parseEmailList,
  parseSendWindow,
  parseString,
  parseTrustProxy,
  parseUrl,
  SettingSpec,
} from './config.schema';

export const SETTINGS = {
  PORT: { key: 'PORT', default: '3000', parse: parsePort, description: 'HTTP port of the API' },
  PUBLIC_URL: {
    key: 'PUBLIC_URL',
    default: 'http://localhost:3000',
    parse: parseUrl('http', 'https'),
    description: 'Base URL people open; links in mail point here',
  },
  DATABASE_URL: {
    key: 'DATABASE_URL',
    required: true,
    parse: parseUrl('postgres', 'postgresql'),
    description: 'PostgreSQL connection string (make up starts an embedded one when unset)',
  },
  DATABASE_POOL_SIZE: {
    key: 'DATABASE_POOL_SIZE',
    default: '20',
    parse: parseIntegerBetween(1, 1000),
    description:
      'PostgreSQL connections each API and worker process may hold; reads wait for a free one beyond it',
  },
  WORKER_MAX_CACHED_WORKFLOWS: {
    key: 'WORKER_MAX_CACHED_WORKFLOWS',
    // The SDK's own default follows the heap limit: ~2,300 with node's 4 GiB, each cached workflow
    // costing ~80 KiB of the workflow thread's heap and ~50 KiB in the SDK's core (make bench, memory).
    default: '1000',
    parse: parseIntegerBetween(0, 1_000_000),
    description:
      'workflows a worker keeps in memory (0: none); the others replay their history on their next task',
  },
  READ_CACHE_MAX_ENTRIES: {
    key: 'READ_CACHE_MAX_ENTRIES',
    default: '2000',
    parse: parseIntegerBetween(0, 1_000_000),
    description:
      'answers of plan status and deliverable list pages the API keeps, served again while unchanged (0: off)',
  },
  READ_CACHE_MAX_MB: {
    key: 'READ_CACHE_MAX_MB',
    default: '64',
    parse: parseIntegerBetween(1, 100_000),
    description: 'memory those cached answers may take, in MiB',
  },
  TEMPORAL_ADDRESS: {
    key: 'TEMPORAL_ADDRESS',
    default: 'localhost:7233',
    parse: parseHostPort,
    description: 'Temporal frontend host:port (make up starts a dev server when unset)',
  },
  TEMPORAL_NAMESPACE: {
    key: 'TEMPORAL_NAMESPACE',
    default: 'default',
    parse: parseString,
    description: 'Temporal namespace',
  },
  TEMPORAL_TASK_QUEUE: {
    key: 'TEMPORAL_TASK_QUEUE',
    default: 'dondoc',
    parse: parseString,
    description: 'Task queue of the worker',
  },
  TEMPORAL_UI_URL: {
    key: 'TEMPORAL_UI_URL',
    default: 'http://localhost:8233',
    parse: parseUrl('http', 'https'),
    description: 'Temporal Web UI, linked from admin pages',
  },
  TEMPORAL_TLS: {
    key: 'TEMPORAL_TLS',
    default: 'false',
    parse: parseBoolean,
    description: 'Use TLS to reach Temporal',
  },
  TEMPORAL_TLS_CERT_PATH: {
    key: 'TEMPORAL_TLS_CERT_PATH',
    parse: parseString,
    description: 'Client certificate (mTLS)',
  },
  TEMPORAL_TLS_KEY_PATH: {
    key: 'TEMPORAL_TLS_KEY_PATH',
    parse: parseString,
    description: 'Client key (mTLS)',
  },
  TEMPORAL_API_KEY: {
    key: 'TEMPORAL_API_KEY',
    parse: parseString,
    description: 'API key (Temporal Cloud); implies TLS',
  },
  SMTP_URL: {
    key: 'SMTP_URL',
    default: 'smtp://127.0.0.1:1025',
    parse: parseUrl('smtp', 'smtps'),
    description: 'Mail relay (make up starts an in-process sink when unset)',
  },
  MAIL_FROM: {
    key: 'MAIL_FROM',
    default: 'dondoc <no-reply@dondoc.local>',
    parse: parseString,
    description: 'From address of every mail',
  },
  MAIL_INBOX_URL: {
    key: 'MAIL_INBOX_URL',
    parse: parseUrl('http', 'https'),
    description: 'Inbox of the embedded SMTP sink',
  },
  DOCUMENT_MAX_BYTES: {
    key: 'DOCUMENT_MAX_BYTES',
    default: String(20 * 1024 * 1024),
    parse: parseIntegerBetween(1, 1024 * 1024 * 1024),
    description: 'Largest submitted document accepted, in bytes (default 20 MB)',
  },
  ISSUE_ATTACHMENT_MAX_BYTES: {
    key: 'ISSUE_ATTACHMENT_MAX_BYTES',
    default: String(10 * 1024 * 1024),
    parse: parseIntegerBetween(1, 1024 * 1024 * 1024),
    description: 'Largest attachment of a reported issue, in bytes (default 10 MB)',
  },
  MAIL_RATE_PER_SECOND: {
    key: 'MAIL_RATE_PER_SECOND',
    default: '20',
    parse: parseIntegerBetween(0, 100_000),
    description: 'Mails handed to the relay per second by one worker (0: no throttle)',
  },
  MAIL_SEND_WINDOW: {
    key: 'MAIL_SEND_WINDOW',
    default: '08:00-17:00',
    parse: parseSendWindow,
    description:
      'Hours (Vietnam time, working days) mail is sent in; outside it, mail waits for the next opening ("always": no window)',
  },
  MAIL_MAX_ATTEMPTS: {
    key: 'MAIL_MAX_ATTEMPTS',
    default: '12',
    parse: parseIntegerBetween(1, 1000),
    description: 'Attempts at one mail before a transient SMTP error counts as permanent',
  },
  MAIL_STAGE_LEAD_MINUTES: {
    key: 'MAIL_STAGE_LEAD_MINUTES',
    default: '15',
    parse: parseIntegerBetween(0, 24 * 60),
    description:
      'Minutes before a reminder or notice falls due that its mail is prepared, so a wave goes out in one batch (0: off)',
  },
  ADMIN_EMAILS: {
    key: 'ADMIN_EMAILS',
    parse: parseEmailList,
    description: 'Comma-separated addresses told of mail that could not be delivered',
  },
  LINK_SECRET: {
    key: 'LINK_SECRET',
    default: 'dondoc-development-link-secret',
    parse: parseString,
    description: 'Key that signs links in mail (plan acknowledgement); set a long random value in production',
  },
  TRUST_PROXY: {
    key: 'TRUST_PROXY',
    default: 'false',
    parse: parseTrustProxy,
    description:
      'Behind a reverse proxy: which hops to trust for the client address (false, true, a hop count, or addresses/subnets such as loopback,10.0.0.0/8); the audit log records that address',
  },
  SESSION_TTL_HOURS: {
    key: 'SESSION_TTL_HOURS',
    default: '12',
    parse: parseIntegerBetween(1, 24 * 31),
    description: 'A session ends this many hours after sign-in, however active',
  },
  SESSION_IDLE_MINUTES: {
    key: 'SESSION_IDLE_MINUTES',
    default: '120',
    parse: parseIntegerBetween(1, 24 * 60 * 31),
    description: 'A session unused for this many minutes ends',
  },
  COOKIE_SECURE: {
    key: 'COOKIE_SECURE',
    default: 'true',
    parse: parseBoolean,
    description: 'Session and CSRF cookies are Secure (HTTPS only); false only for plain-HTTP tests',
  },
  LOG_LEVEL: {
    key: 'LOG_LEVEL',
    default: 'log',
    parse: parseOneOf('error', 'warn', 'log', 'debug'),
    description: 'Least severe log level printed',
  },
} satisfies Record<string, SettingSpec<unknown>>;

type Settings = typeof SETTINGS;
type Parsed = { [K in keyof Settings]: ReturnType<Settings[K]['parse']> | undefined };

/** Thrown at boot with every bad key at once, so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: { key: string; reason: string }[]) {
    super(
      `Invalid configuration:\n${problems.map((p) => `  - ${p.key}: ${p.reason}`).join('\n')}\n` +
        'See .env.example and the configuration table in README.md.',
    );
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): DondocConfig {
  const problems: { key: string; reason: string }[] = [];
  const values = {} as Record<string, unknown>;
  for (const [name, spec] of Object.entries(SETTINGS) as [keyof Settings, SettingSpec<unknown>][]) {
    const raw = env[spec.key] ?? spec.default;
    if (raw === undefined || raw === '') {
      if (spec.required) problems.push({ key: spec.key, reason: 'is required' });
      continue;
    }
    try {
      values[name] = spec.parse(raw);
    } catch (e) {
      problems.push({
        key: spec.key,
        reason: `${(e as Error).message} (got ${JSON.stringify(redact(spec.key, raw))})`,
      });
    }
  }
  if (problems.length) throw new ConfigError(problems);
  const v = values as Parsed;
  return {
    port: v.PORT!,
    publicUrl: v.PUBLIC_URL!.replace(/\/$/, ''),
    databaseUrl: v.DATABASE_URL!,
    databasePoolSize: v.DATABASE_POOL_SIZE!,
    workerMaxCachedWorkflows: v.WORKER_MAX_CACHED_WORKFLOWS,
    readCache: { maxEntries: v.READ_CACHE_MAX_ENTRIES!, maxBytes: v.READ_CACHE_MAX_MB! * 1024 * 1024 },
    temporal: {
      address: v.TEMPORAL_ADDRESS!,
      namespace: v.TEMPORAL_NAMESPACE!,
      taskQueue: v.TEMPORAL_TASK_QUEUE!,
      uiUrl: v.TEMPORAL_UI_URL!.replace(/\/$/, ''),
      tls: v.TEMPORAL_TLS! || v.TEMPORAL_API_KEY !== undefined,
      tlsCertPath: v.TEMPORAL_TLS_CERT_PATH,
      tlsKeyPath: v.TEMPORAL_TLS_KEY_PATH,
      apiKey: v.TEMPORAL_API_KEY,
    },
    smtpUrl: v.SMTP_URL!,
    mailFrom: v.MAIL_FROM!,
    mailInboxUrl: v.MAIL_INBOX_URL,
    documentMaxBytes: v.DOCUMENT_MAX_BYTES!,
    issueAttachmentMaxBytes: v.ISSUE_ATTACHMENT_MAX_BYTES!,
    logLevel: v.LOG_LEVEL!,
    mail: {
      ratePerSecond: v.MAIL_RATE_PER_SECOND!,
      sendWindow: v.MAIL_SEND_WINDOW!,
      maxAttempts: v.MAIL_MAX_ATTEMPTS!,
      stageLeadMinutes: v.MAIL_STAGE_LEAD_MINUTES!,
      adminEmails: v.ADMIN_EMAILS ?? [],
    },
    linkSecret: v.LINK_SECRET!,
    auth: {
      sessionTtlHours: v.SESSION_TTL_HOURS!,
      sessionIdleMinutes: v.SESSION_IDLE_MINUTES!,
      cookieSecure: v.COOKIE_SECURE!,
    },
    trustProxy: v.TRUST_PROXY!,
  };
}

/** Credentials never reach an error message or a log. */
function redact(key: string, raw: string): string {
  if (/KEY|PASSWORD|SECRET/.test(key)) return '***';
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return raw;
  }
}

/**
 * One setting, read and validated like loadConfig does, for code that needs it before the config
 * object exists (e.g. upload limits fixed when a Nest module is declared).
 */
export function readSetting<K extends keyof Settings>(
  name: K,
  env: NodeJS.ProcessEnv = process.env,
): ReturnType<Settings[K]['parse']> {
  const spec = SETTINGS[name] as SettingSpec<ReturnType<Settings[K]['parse']>>;
  const raw = env[spec.key];
  const value = raw === undefined || raw === '' ? spec.default : raw;
  if (value === undefined) throw new ConfigError([{ key: spec.key, reason: 'is required' }]);
  try {
    return spec.parse(value);
  } catch (e) {
    throw new ConfigError([
      { key: spec.key, reason: `${(e as Error).message} (got ${JSON.stringify(value)})` },
    ]);
  }
}
