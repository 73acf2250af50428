import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { DondocConfig, temporalConnectionOptions } from '@dondoc/config';
import { createDataSource } from '@dondoc/persistence';
import { DATA_SOURCE, DONDOC_CONFIG, TEMPORAL_CLIENT } from './tokens';

async function connectTemporal(config: DondocConfig): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(config));
  return new Client({ connection, namespace: config.temporal.namespace });
}

/** Config, the DataSource and the Temporal client: built once, closed on shutdown. */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
  ) {}

  static forRoot(config: DondocConfig) {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: DONDOC_CONFIG, useValue: config },
        {
          provide: DATA_SOURCE,
          useFactory: () =>
            createDataSource(config.databaseUrl, { poolSize: config.databasePoolSize }).initialize(),
        },
        { provide: TEMPORAL_CLIENT, useFactory: () => connectTemporal(config) },
      ],
      exports: [DONDOC_CONFIG, DATA_SOURCE, TEMPORAL_CLIENT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.dataSource.destroy(), this.temporal.connection.close()]);
  }
}
