export * from './config.schema';
export * from './load-config';
export * from './temporal-connection';
export * from './signed-link';
