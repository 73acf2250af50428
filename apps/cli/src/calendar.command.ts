import { Command, InvalidArgumentError } from 'commander';
import { isIsoDate, IsoDate, WorkingCalendar } from '@dondoc/calendar';
import { loadWorkingCalendar } from '@dondoc/calendar/src/notice-loader';

function isoDateOption(value: string): IsoDate {
  if (!isIsoDate(value))
    throw new InvalidArgumentError(`expected a calendar date YYYY-MM-DD, got "${value}".`);
  return value;
}

/**
 * `calendar ...` subcommands. The calendar is built from the notices folder at run time, so an
 * admin's new or corrected notice file takes effect without a deploy.
 */
export function registerCalendarCommands(
  program: Command,
  makeCalendar: () => WorkingCalendar = () => loadWorkingCalendar(),
): void {
  const calendar = program.command('calendar').description('Vietnamese working-day calendar');

  calendar
    .command('days-off')
    .description('Print every non-working date in a range (both ends included), one ISO date per line')
    .requiredOption('--from <date>', 'first date, YYYY-MM-DD', isoDateOption)
    .requiredOption('--to <date>', 'last date, YYYY-MM-DD', isoDateOption)
    .action(function (this: Command, options: { from: IsoDate; to: IsoDate }) {
      if (options.from > options.to)
        this.error(`error: --from ${options.from} is after --to ${options.to}`, {
          exitCode: 2,
          code: 'dondoc.emptyRange',
        });
      const days = makeCalendar().daysOff(options.from, options.to);
      process.stdout.write(days.map((d) => `${d}\n`).join(''));
    });
}
