import { fork } from 'node:child_process';
import { BundleOptions, bundleWorkflowCode } from '@temporalio/worker';

export const WORKFLOWS_PATH = require.resolve('@dondoc/workflows');

/**
 * Modules loaded once per reusable V8 context and shared by every workflow in it, instead of once
 * per workflow. Only pure code whose module state is a memo of deterministic answers belongs here
 * (the SDK deep-freezes what they export):
 * - the calendar: its lunar holidays cost tens of milliseconds of astronomy per year when not
 *   shared, which a province-wide term paid again in every one of its thousands of workflows;
 * - the domain: pure rules and constants, no module state; evaluated per workflow, its ~40 modules
 *   and their export getters were the largest part of a cached workflow's heap (make bench, memory).
 */
export const PRELOADED_WORKFLOW_MODULES = ['@dondoc/calendar', '@dondoc/domain'];

/** How every bundle of our workflows is built: the worker's own, the tests' and the simulation's. */
const WORKFLOW_BUNDLE_OPTIONS = {
  workflowsPath: WORKFLOWS_PATH,
  preloadModules: PRELOADED_WORKFLOW_MODULES,
};

/** Webpack's progress is noise for a CLI or a test run; its warnings and errors are not. */
const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (m: string) => process.stderr.write(`${m}\n`),
  error: (m: string) => process.stderr.write(`${m}\n`),
};

/**
 * Bundles our workflows once, for workers that take a prebuilt bundle (tests, simulate); a test may
 * pass a webpack hook (determinism-break.spec.ts swaps a module).
 */
export function bundleDondocWorkflows(webpackConfigHook?: BundleOptions['webpackConfigHook']) {
  return bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quietBundlerLogger, webpackConfigHook });
}

/**
 * The same bundle, built by a child process (bundle-workflows.main.ts) for the long-running worker:
 * webpack's modules and its bundling peak then never enter the worker, whose RSS kept ~80 MiB of
 * them for its whole life when it bundled in-process (make bench, memory: idle RSS).
 */
export function bundleDondocWorkflowsApart(): Promise<{ code: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(require.resolve('./bundle-workflows.main'), [], {
      // The same loader flags as this process (`--require @swc-node/register` for the TypeScript sources).
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let code: string | undefined;
    child.on('message', (m: { code?: string }) => (code = m.code));
    child.once('error', reject);
    child.once('exit', (exitCode, signal) =>
      code !== undefined
        ? resolve({ code })
        : reject(new Error(`bundling the workflows failed (child exited with ${exitCode ?? signal})`)),
    );
  });
}
