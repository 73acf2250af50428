import { bundleWorkflowCode } from '@temporalio/worker';

export const WORKFLOWS_PATH = require.resolve('@dondoc/workflows');

/**
 * Modules loaded once per reusable V8 context and shared by every workflow in it, instead of once
 * per workflow. Only pure code whose module state is a memo of deterministic answers belongs here:
 * the calendar's lunar holidays cost tens of milliseconds of astronomy per year when not shared,
 * which a province-wide term paid again in every one of its thousands of workflows.
 */
export const PRELOADED_WORKFLOW_MODULES = ['@dondoc/calendar'];

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

/** Bundles our workflows once, for workers that take a prebuilt bundle (tests, simulate). */
export function bundleDondocWorkflows() {
  return bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quietBundlerLogger });
}
