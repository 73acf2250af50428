import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { isIsoDate, IsoDate } from '@dondoc/calendar';
import {
  formatInputProblem,
  InputRejectedException,
  OrgParseOptions,
  OrgTree,
  OrgUnit,
  parseOrgJson,
  serializeOrgJson,
} from '@dondoc/domain';
import { ORG_CSV_TABLES, parseOrgCsv, serializeOrgCsv, OrgCsvFiles } from '@dondoc/domain/src/org/org-csv';
import { createDataSource, OrgImportMode, OrgRepository } from '@dondoc/persistence';
import { generateProvince } from '@dondoc/testing/src/province-generator';

function isoDateOption(value: string): IsoDate {
  if (!isIsoDate(value))
    throw new InvalidArgumentError(`expected a calendar date YYYY-MM-DD, got "${value}".`);
  return value;
}

function countOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${value}".`);
  return n;
}

/** Bad input files end the command with every problem on its own line and exit code 1. */
class InputFilesRefused extends Error {
  constructor(e: InputRejectedException) {
    super(e.inputProblems.map(formatInputProblem).join('\n'));
  }
}

/** Reads an org file (JSON) or a folder of CSV files (units.csv and optionally the other three). */
function readOrg(input: string, options: OrgParseOptions = {}): OrgTree {
  try {
    if (!fs.statSync(input).isDirectory())
      return parseOrgJson(fs.readFileSync(input, 'utf8'), input, options);
    const read = (table: string) => {
      const file = path.join(input, `${table}.csv`);
      return fs.existsSync(file) ? { name: file, text: fs.readFileSync(file, 'utf8') } : undefined;
    };
    const units = read('units');
    if (!units)
      throw new InputRejectedException([
        {
          file: path.join(input, 'units.csv'),
          location: 'file',
          reason: 'missing: a CSV org folder needs units.csv',
        },
      ]);
    const files: OrgCsvFiles = {
      units,
      contacts: read('contacts'),
      people: read('people'),
      memberships: read('memberships'),
    };
    return parseOrgCsv(files, options);
  } catch (e) {
    if (e instanceof InputRejectedException) throw new InputFilesRefused(e);
    throw e;
  }
}

function describe(tree: OrgTree): string {
  const contacts = tree.units.reduce((n, u) => n + u.contacts.length, 0);
  const memberships = tree.people.reduce((n, p) => n + p.memberships.length, 0);
  return `${tree.units.length} units, ${contacts} contacts, ${tree.people.length} people, ${memberships} memberships`;
}

async function withRepository<T>(command: Command, run: (repo: OrgRepository) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url)
    command.error('error: DATABASE_URL is not set (postgres://user:password@host:port/database)', {
      exitCode: 2,
    });
  const ds = await createDataSource(url!, { poolSize: 2 }).initialize();
  try {
    return await run(new OrgRepository(ds));
  } finally {
    await ds.destroy();
  }
}

function writeTree(tree: OrgTree, format: 'json' | 'csv', out: string): void {
  if (format === 'json') {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    fs.writeFileSync(out, serializeOrgJson(tree));
    return;
  }
  fs.mkdirSync(out, { recursive: true });
  const csv = serializeOrgCsv(tree);
  for (const table of ORG_CSV_TABLES) fs.writeFileSync(path.join(out, `${table}.csv`), csv[table]);
}

/** `org ...` subcommands: check, import, export and generate org trees (see plans/org/README.md). */
export function registerOrgCommands(program: Command): void {
  const org = program.command('org').description('Org tree: units, contacts, people and memberships');

  org
    .command('validate')
    .description('Check an org file (JSON) or a folder of CSV files; print every problem')
    .argument(
      '<file-or-csv-dir>',
      'an org JSON file, or a folder with units.csv [contacts.csv people.csv memberships.csv]',
    )
    .action((input: string) => {
      process.stdout.write(`ok: ${describe(readOrg(input))}\n`);
    });

  org
    .command('import')
    .description('Import an org file or CSV folder into DATABASE_URL, all or nothing')
    .argument('<file-or-csv-dir>')
    .addOption(
      new Option('--mode <mode>', 'replace: the database becomes the file; merge: add and update only')
        .choices(['replace', 'merge'])
        .default('replace'),
    )
    .option(
      '--effective-from <date>',
      'in replace mode, units absent from the file end the day before (default today)',
      isoDateOption,
    )
    .action(async function (
      this: Command,
      input: string,
      options: { mode: OrgImportMode; effectiveFrom?: IsoDate },
    ) {
      await withRepository(this, async (repo) => {
        // A merge file may hang units under units that are only in the database.
        const existingUnits: OrgUnit[] = options.mode === 'merge' ? (await repo.loadTree()).units : [];
        const tree = readOrg(input, { existingUnits });
        const result = await repo
          .importTree(tree, options.mode, { effectiveFrom: options.effectiveFrom, source: input })
          .catch((e: unknown) => {
            // Checked again inside the transaction: print a late refusal like any other.
            throw e instanceof InputRejectedException ? new InputFilesRefused(e) : e;
          });
        for (const table of ['units', 'contacts', 'people', 'memberships'] as const) {
          const t = result[table];
          process.stdout.write(
            `${table}: ${t.inserted} inserted, ${t.updated} updated, ${t.unchanged} unchanged, ${t.deleted} deleted\n`,
          );
        }
        for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
      });
    });

  org
    .command('export')
    .description('Write the stored org tree as JSON (one file) or CSV (a folder of four files)')
    .addOption(new Option('--format <format>', 'json or csv').choices(['json', 'csv']).makeOptionMandatory())
    .requiredOption('--out <file-or-dir>', 'the JSON file, or the folder for the CSV files')
    .option('--as-of <date>', 'only units and memberships that exist on this date', isoDateOption)
    .action(async function (this: Command, options: { format: 'json' | 'csv'; out: string; asOf?: IsoDate }) {
      await withRepository(this, async (repo) => {
        const tree = await repo.loadTree(options.asOf);
        writeTree(tree, options.format, options.out);
        process.stdout.write(`wrote ${options.out}: ${describe(tree)}\n`);
      });
    });

  org
    .command('generate')
    .description('Write a deterministic province-size org tree (for benchmarks) as an org JSON file')
    .option('--level1 <n>', 'level-1 units', countOption, 103)
    .option('--grassroots <n>', 'grassroots organisations', countOption, 1500)
    .option('--cells <n>', 'party cells under grassroots committees', countOption, 8000)
    .option('--members <n>', 'party members', countOption, 156000)
    .option('--seed <n>', 'seed of the pseudo-random generator', countOption, 1)
    .requiredOption('--out <file>', 'the org JSON file to write')
    .action(function (
      this: Command,
      options: {
        level1: number;
        grassroots: number;
        cells: number;
        members: number;
        seed: number;
        out: string;
      },
    ) {
      const { out, ...size } = options;
      let tree: OrgTree;
      try {
        tree = generateProvince(size);
      } catch (e) {
        if (e instanceof RangeError) this.error(`error: ${e.message}`, { exitCode: 2 });
        throw e;
      }
      writeTree(tree!, 'json', out);
      process.stdout.write(`wrote ${out}: ${describe(tree!)}\n`);
    });
}
