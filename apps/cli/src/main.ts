// The `dondoc` command line: `npm run -s cli -- <area> <command> [options]`.
// Each area registers its subcommands from its own file (`<area>.command.ts`); add one line below.
import { Command, CommanderError } from 'commander';
import { registerCalendarCommands } from './calendar.command';
import { registerOrgCommands } from './org.command';
import { registerPlanCommands } from './plan.command';
import { registerSimulateCommands } from './simulate.command';

/** Exit code for bad input: unknown command, missing or invalid option, empty range. */
export const EXIT_USAGE = 2;

export function buildProgram(): Command {
  const program = new Command('dondoc')
    .description('Deadline engine for Party committees: calendar, plans, simulation')
    // Set before any subcommand is added: commander copies this setting into subcommands at creation.
    .exitOverride();
  registerCalendarCommands(program);
  registerOrgCommands(program);
  registerPlanCommands(program);
  registerSimulateCommands(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return 0;
  } catch (e) {
    // Commander has already printed its own message to stderr; --help and --version end here with 0.
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
