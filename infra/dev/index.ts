export * from './temporal-binaries';
export * from './temporal-dev-server';
export * from './embedded-postgres';
export * from './wait-for';
export * from './repo-root';
