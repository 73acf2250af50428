import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseOrgJson } from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { SmtpSink } from '@dondoc/mail';
import {
  BAC_NINH_2021_FILE,
  createTestDatabase,
  createTimeSkippingEnv,
  PLAN_22_FILE,
  workflowBundlePath,
} from '@dondoc/testing';
import { parseBehaviour } from '../../../apps/cli/src/simulate/behaviour';
import {
  Intervention,
  prepareSimulation,
  runSimulation,
  SimulationResult,
} from '../../../apps/cli/src/simulate/simulation-engine';
import {
  SimulationServices,
  simulationServices,
  SimulationServicesOptions,
} from '../../../apps/cli/src/simulate/simulation-services';
import { REPO_ROOT } from '../../../infra/dev/repo-root';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'plans', 'examples');

/** The driver's services on jest's shared PostgreSQL (a database of its own) and workflow bundle. */
export async function termServices(
  workerOptions?: SimulationServicesOptions['workerOptions'],
): Promise<SimulationServices> {
  const [env, db, sink] = await Promise.all([
    createTimeSkippingEnv(),
    createTestDatabase(),
    SmtpSink.start({ retain: false }), // the outbox is the term's record of its mail
  ]);
  return simulationServices({
    env,
    dataSource: db.dataSource,
    sink,
    workflowBundle: { codePath: workflowBundlePath() },
    workerOptions,
    onClose: async () => {
      await Promise.all([env.teardown(), db.drop(), sink.stop()]);
    },
  });
}

/**
 * Plan 22-KH/TU over the Bắc Ninh 2021 fixture, issued 13/8/2021, on fresh services (closed after):
 * exactly what `simulate` does, with the interventions a test adds.
 */
export async function simulate22(o: {
  until: string;
  behaviourFile?: string;
  interventions?: Intervention[];
  inspect?: (services: SimulationServices, result: SimulationResult) => Promise<void>;
  workerOptions?: SimulationServicesOptions['workerOptions'];
}): Promise<SimulationResult> {
  const behaviourFile = o.behaviourFile ?? '(empty behaviour)';
  const sim = prepareSimulation({
    plan: parsePlan(fs.readFileSync(PLAN_22_FILE, 'utf8'), PLAN_22_FILE),
    org: parseOrgJson(fs.readFileSync(BAC_NINH_2021_FILE, 'utf8'), BAC_NINH_2021_FILE),
    issued: '2021-08-13',
    until: o.until,
    behaviour: o.behaviourFile ? parseBehaviour(fs.readFileSync(o.behaviourFile, 'utf8'), behaviourFile) : [],
    behaviourFile,
  });
  const services = await termServices(o.workerOptions);
  try {
    const result = await runSimulation(services, sim, { interventions: o.interventions });
    await o.inspect?.(services, result);
    return result;
  } finally {
    await services.close();
  }
}
