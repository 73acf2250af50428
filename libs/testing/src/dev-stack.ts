import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { startTemporalDevServer, RunningDevServer } from '../../../infra/dev/temporal-dev-server';
import { freePort } from '../../../infra/dev/wait-for';

export interface DevTemporal {
  server: RunningDevServer;
  client: Client;
  nativeConnection: NativeConnection;
  stop(): Promise<void>;
}

/** A real `temporal server start-dev` (in memory, random port) with dondoc's search attributes. */
export async function startDevTemporal(): Promise<DevTemporal> {
  const server = await startTemporalDevServer({ port: await freePort() });
  const connection = await Connection.connect({ address: server.address });
  const nativeConnection = await NativeConnection.connect({ address: server.address });
  return {
    server,
    client: new Client({ connection }),
    nativeConnection,
    stop: async () => {
      await Promise.allSettled([connection.close(), nativeConnection.close()]);
      await server.stop();
    },
  };
}
