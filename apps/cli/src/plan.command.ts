import * as fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { isIsoDate, IsoDate, WorkingCalendar } from '@dondoc/calendar';
import { loadWorkingCalendar } from '@dondoc/calendar/src/notice-loader';
import {
  expandPlan,
  formatInputProblem,
  formatPlanProblem,
  InputRejectedException,
  parseOrgJson,
  PlanRejectedException,
  previewCsv,
} from '@dondoc/domain';
import { parsePlan, planSummary } from '@dondoc/domain/src/plan/plan-validate';
import { previewTable } from './plan-preview-format';

function isoDateOption(value: string): IsoDate {
  if (!isIsoDate(value))
    throw new InvalidArgumentError(`expected a calendar date YYYY-MM-DD, got "${value}".`);
  return value;
}

/** Reads a file named on the command line; an unreadable one is a usage error (exit 2). */
function readArgumentFile(command: Command, file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return command.error(`error: cannot read ${file}: ${(e as Error).message}`, {
      exitCode: 2,
      code: 'dondoc.file',
    });
  }
}

/**
 * A refused input file as the error main() prints to stderr before exiting 1: every problem, one
 * per line (`file:line: /path: reason`), so an editor or CI log can jump to each.
 */
function rejectionError(e: unknown): unknown {
  if (e instanceof PlanRejectedException)
    return new Error(e.planProblems.map((p) => formatPlanProblem(e.file, p)).join('\n'));
  if (e instanceof InputRejectedException)
    return new Error(e.inputProblems.map(formatInputProblem).join('\n'));
  return e;
}

interface PreviewOptions {
  plan: string;
  org: string;
  issued: IsoDate;
  until?: IsoDate;
  format: 'csv' | 'table';
}

/** `plan validate` and `plan preview`: plans are data files, checked and expanded without a server. */
export function registerPlanCommands(
  program: Command,
  makeCalendar: () => WorkingCalendar = () => loadWorkingCalendar(),
): void {
  const plan = program
    .command('plan')
    .description('Plan definitions (YAML/JSON): validate, preview the deliverables');

  plan
    .command('validate')
    .description(
      'Check a plan file; print a one-line summary (exit 0) or every problem, one per line (exit 1)',
    )
    .argument('<plan-file>', 'plan definition, YAML or JSON')
    .action(function (this: Command, file: string) {
      const text = readArgumentFile(this, file);
      try {
        process.stdout.write(`${file}: hợp lệ (valid): ${planSummary(parsePlan(text, file))}\n`);
      } catch (e) {
        throw rejectionError(e);
      }
    });

  plan
    .command('preview')
    .description('Every deliverable of the term: obligation, unit, period, due date, reminder dates')
    .requiredOption('--plan <file>', 'plan definition, YAML or JSON')
    .requiredOption('--org <file>', 'org tree, dondoc-org/1 JSON')
    .requiredOption('--issued <date>', 'issue date the counts start from, YYYY-MM-DD', isoDateOption)
    .option('--until <date>', 'last due date to list, YYYY-MM-DD', isoDateOption)
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'table']).default('csv'))
    .action(function (this: Command, options: PreviewOptions) {
      if (options.until && options.until < options.issued)
        this.error(`error: --until ${options.until} is before --issued ${options.issued}`, {
          exitCode: 2,
          code: 'dondoc.emptyRange',
        });
      const planText = readArgumentFile(this, options.plan);
      const orgText = readArgumentFile(this, options.org);
      try {
        const definition = parsePlan(planText, options.plan);
        const org = parseOrgJson(orgText, options.org);
        const rows = expandPlan(definition, org, {
          issued: options.issued,
          until: options.until,
          calendar: makeCalendar(),
          planFile: options.plan,
        });
        process.stdout.write(options.format === 'csv' ? previewCsv(rows) : previewTable(definition, rows));
      } catch (e) {
        throw rejectionError(e);
      }
    });
}
