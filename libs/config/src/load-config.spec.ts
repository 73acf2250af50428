import { ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies defaults and parses types', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@localhost:5432/d' });
    expect(c.port).toBe(3000);
    expect(c.temporal).toMatchObject({
      address: 'localhost:7233',
      namespace: 'default',
      taskQueue: 'dondoc',
      tls: false,
    });
    expect(c.smtpUrl).toBe('smtp://127.0.0.1:1025');
  });

  it('lists every bad key at once and never echoes a password', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'mysql://u:secret@h/d',
        TEMPORAL_TLS: 'maybe',
        TEMPORAL_ADDRESS: 'nohost',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.key).sort()).toEqual([
      'DATABASE_URL',
      'PORT',
      'TEMPORAL_ADDRESS',
      'TEMPORAL_TLS',
    ]);
    expect(error!.message).not.toContain('secret');
  });

  it('requires DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL: is required/);
  });

  it('reads DATABASE_POOL_SIZE: 20 by default, a whole number of at least 1', () => {
    const pool = (DATABASE_POOL_SIZE?: string) =>
      loadConfig({
        DATABASE_URL: 'postgres://localhost/d',
        ...(DATABASE_POOL_SIZE ? { DATABASE_POOL_SIZE } : {}),
      }).databasePoolSize;
    expect(pool()).toBe(20);
    expect(pool('50')).toBe(50);
    expect(() => pool('0')).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('reads WORKER_MAX_CACHED_WORKFLOWS: 1000 by default, 0 (no cache) allowed, never negative', () => {
    const cache = (WORKER_MAX_CACHED_WORKFLOWS?: string) =>
      loadConfig({
        DATABASE_URL: 'postgres://localhost/d',
        ...(WORKER_MAX_CACHED_WORKFLOWS ? { WORKER_MAX_CACHED_WORKFLOWS } : {}),
      }).workerMaxCachedWorkflows;
    expect(cache()).toBe(1000);
    expect(cache('3000')).toBe(3000);
    expect(cache('0')).toBe(0);
    expect(() => cache('-1')).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => cache('many')).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });

  it('turns TLS on when an API key is given', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://localhost/d', TEMPORAL_API_KEY: 'k' });
    expect(c.temporal.tls).toBe(true);
  });

  it('reads TRUST_PROXY as Express trust proxy: off by default, a boolean, a hop count or addresses', () => {
    const trust = (TRUST_PROXY?: string) =>
      loadConfig({ DATABASE_URL: 'postgres://localhost/d', ...(TRUST_PROXY ? { TRUST_PROXY } : {}) })
        .trustProxy;
    expect(trust()).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('loopback, 10.0.0.0/8,::1')).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(() => trust('everyone')).toThrow(/TRUST_PROXY/);
  });
});
