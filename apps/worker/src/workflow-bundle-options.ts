export const WORKFLOWS_PATH = require.resolve('@dondoc/workflows');

/**
 * Modules loaded once per reusable V8 context and shared by every workflow in it, instead of once
 * per workflow. Only pure code whose module state is a memo of deterministic answers belongs here:
 * the calendar's lunar holidays cost tens of milliseconds of astronomy per year when not shared,
 * which a province-wide term paid again in every one of its thousands of workflows.
 */
export const PRELOADED_WORKFLOW_MODULES = ['@dondoc/calendar'];

/** How every bundle of our workflows is built: the worker's own, the tests' and the simulation's. */
export const WORKFLOW_BUNDLE_OPTIONS = {
  workflowsPath: WORKFLOWS_PATH,
  preloadModules: PRELOADED_WORKFLOW_MODULES,
};
