import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DONDOC_SEARCH_ATTRIBUTES } from '@dondoc/workflows/src/search-attributes';
import { temporalCli, temporalTestServer } from '../../../infra/dev/temporal-binaries';
import { searchAttributeFlags } from '../../../infra/dev/temporal-dev-server';

const INDEXED = temporal.api.enums.v1.IndexedValueType;
const INDEXED_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: INDEXED.INDEXED_VALUE_TYPE_KEYWORD,
  DATETIME: INDEXED.INDEXED_VALUE_TYPE_DATETIME,
};

/** Registers dondoc's search attributes through the operator service (the test server has no CLI flag). */
async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const searchAttributes = Object.fromEntries(
    DONDOC_SEARCH_ATTRIBUTES.map((sa) => [sa.name, INDEXED_TYPE[sa.type]]),
  );
  await connection.operatorService.addSearchAttributes({ namespace, searchAttributes });
}

/** The time-skipping test server, from the binary the set-up provided (never downloaded). */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalTestServer().path } },
  });
  await registerSearchAttributes(env.connection, env.namespace ?? 'default');
  return env;
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
  if (!p)
    throw new Error(
      'DONDOC_TEST_WORKFLOW_BUNDLE is not set: run tests through jest (globalSetup bundles workflows).',
    );
  return p;
}
