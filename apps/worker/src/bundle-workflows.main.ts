import { bundleDondocWorkflows } from './workflow-bundle-options';

/** Child of the worker (bundleDondocWorkflowsApart): bundles the workflows, hands the code back, exits. */
bundleDondocWorkflows().then(
  ({ code }) => process.send!({ code }, () => process.disconnect()),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
