import * as fs from 'node:fs';
import type { DondocConfig } from './config.schema';

/** Connection options shared by the API's client and the worker's native connection. */
export function temporalConnectionOptions(config: DondocConfig) {
  const t = config.temporal;
  const mtls = t.tlsCertPath && t.tlsKeyPath;
  return {
    address: t.address,
    apiKey: t.apiKey,
    tls: t.tls
      ? mtls
        ? { clientCertPair: { crt: fs.readFileSync(t.tlsCertPath!), key: fs.readFileSync(t.tlsKeyPath!) } }
        : true
      : undefined,
  };
}
