import * as path from 'node:path';

/** The checkout's root, whatever the current directory. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
