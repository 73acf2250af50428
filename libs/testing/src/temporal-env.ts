import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporalCli, temporalTestServer } from '../../../infra/dev/temporal-binaries';
import { searchAttributeFlags } from '../../../infra/dev/temporal-dev-server';

/** The Java time-skipping test server, from the binary the set-up provided (never downloaded). */
export function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServer().path } },
  });
}

/** The real dev server (no time skipping), in memory, with dondoc's search attributes registered. */
export function createDevServerEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: temporalCli().path },
      extraArgs: searchAttributeFlags(),
    },
  });
}

export function workflowBundlePath(): string {
  const p = process.env.DONDOC_TEST_WORKFLOW_BUNDLE;
  if (!p) throw new Error('DONDOC_TEST_WORKFLOW_BUNDLE is not set: run tests through jest (globalSetup bundles workflows).');
  return p;
}
