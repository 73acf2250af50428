/**
 * CSV import/export of the org tree: four files, one per table. Deliberately NOT exported from
 * `@dondoc/domain` (csv-parse uses Node's Buffer, which the workflow sandbox lacks): import it from
 * `@dondoc/domain/src/org/org-csv`.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { FieldLocator, ProblemList } from './org-problems';
import { readContact, readMembership, readPerson, readUnit, PersonDraft, UnitDraft } from './org-records';
import { buildTree, checkTreeRules, OrgParseOptions } from './org-rules';
import type { OrgTree } from './org.types';

/** Column headers of each file, in the order export writes them (import accepts any order). */
export const ORG_CSV_COLUMNS = {
  units: ['id', 'name', 'type', 'parent_id', 'valid_from', 'valid_to'],
  contacts: ['unit_id', 'name', 'email', 'role', 'language', 'digest'],
  people: ['id', 'name', 'email', 'kind', 'language'],
  memberships: ['person_id', 'unit_id', 'role', 'valid_from', 'valid_to'],
} as const;

export type OrgCsvTable = keyof typeof ORG_CSV_COLUMNS;
export const ORG_CSV_TABLES = Object.keys(ORG_CSV_COLUMNS) as OrgCsvTable[];

export interface CsvFile {
  name: string;
  text: string;
}

export interface OrgCsvFiles {
  units: CsvFile;
  contacts?: CsvFile;
  people?: CsvFile;
  memberships?: CsvFile;
}

interface CsvRow {
  /** Line of the file where the record starts (line 1 is the header). */
  line: number;
  /** Cells by canonical (camelCase) field name; an empty cell is absent, so defaults apply. */
  raw: Record<string, unknown>;
  at: FieldLocator;
}

const snakeToCamel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const camelToSnake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Parses and validates the CSV form of an org tree. units.csv is required, the others optional.
 * Throws InputRejectedException listing every problem as `file: row N (column): reason`.
 */
export function parseOrgCsv(files: OrgCsvFiles, options: OrgParseOptions = {}): OrgTree {
  const problems = new ProblemList();
  const units: UnitDraft[] = readTable(files.units, 'units', problems).map((row) =>
    readUnit(row.raw, row.at, problems),
  );
  const unitsById = firstById(units);
  for (const row of files.contacts ? readTable(files.contacts, 'contacts', problems) : []) {
    const contact = readContact(row.raw, row.at, problems);
    const unitId = row.raw.unitId;
    const unit = typeof unitId === 'string' ? unitsById.get(unitId) : undefined;
    if (unitId === undefined) problems.add(row.at, 'unitId', 'is required');
    else if (!unit)
      problems.add(row.at, 'unitId', `no unit with id "${String(unitId)}" in ${files.units.name}`);
    else unit.contacts.push(contact);
  }
  const people: PersonDraft[] = (files.people ? readTable(files.people, 'people', problems) : []).map((row) =>
    readPerson(row.raw, row.at, problems),
  );
  const peopleById = firstById(people);
  for (const row of files.memberships ? readTable(files.memberships, 'memberships', problems) : []) {
    const membership = readMembership(row.raw, row.at, problems);
    const personId = row.raw.personId;
    const person = typeof personId === 'string' ? peopleById.get(personId) : undefined;
    if (personId === undefined) problems.add(row.at, 'personId', 'is required');
    else if (!person)
      problems.add(
        row.at,
        'personId',
        `no person with id "${String(personId)}" in ${files.people?.name ?? 'people.csv'}`,
      );
    else person.memberships.push(membership);
  }
  checkTreeRules(units, people, problems, options);
  problems.throwIfAny();
  return buildTree(units, people);
}

function firstById<T extends { id?: string }>(records: T[]): Map<string, T> {
  const byId = new Map<string, T>();
  for (const r of records) if (r.id && !byId.has(r.id)) byId.set(r.id, r);
  return byId;
}

function readTable(file: CsvFile, table: OrgCsvTable, problems: ProblemList): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` each record comes wrapped with its position; the typings do not say so.
    records = parse(file.text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
    }) as unknown as typeof records;
  } catch (e) {
    const line = lineOfFaultyRecord(file.text, e as CsvErrorPosition);
    problems.addRaw({
      file: file.name,
      location: `row ${line ?? 1}`,
      reason: `not valid CSV: ${(e as Error).message}`,
    });
    return [];
  }
  if (records.length === 0) {
    problems.addRaw({
      file: file.name,
      location: 'row 1',
      reason: `is empty: expected the header ${ORG_CSV_COLUMNS[table].join(',')}`,
    });
    return [];
  }
  const header = records[0].record.map((h) => h.trim());
  if (!checkHeader(file.name, header, table, problems)) return [];
  return records.slice(1).flatMap(({ record, info }) => {
    // csv-parse counts the line where a record ends; a quoted cell may span lines.
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const location = `row ${line}`;
    if (record.length !== header.length) {
      problems.addRaw({
        file: file.name,
        location,
        reason: `has ${record.length} cells, the header has ${header.length}`,
      });
      return [];
    }
    const raw: Record<string, unknown> = {};
    header.forEach((column, i) => {
      const cell = record[i];
      if (cell !== '') raw[snakeToCamel(column)] = column === 'digest' ? parseBoolean(cell) : cell;
    });
    const at: FieldLocator = (field) => ({ file: file.name, location, field: camelToSnake(field) });
    return [{ line, raw, at }];
  });
}

interface CsvErrorPosition {
  lines?: number;
  bytes_records?: number;
}

/**
 * csv-parse reports the line where it gave up (for an unclosed quote: the end of the file). The
 * user needs the line where the faulty record starts: just after the bytes of the good records.
 */
function lineOfFaultyRecord(text: string, error: CsvErrorPosition): number {
  if (error.bytes_records === undefined) return error.lines ?? 1;
  const before = Buffer.from(text.replace(/^\uFEFF/, ''), 'utf8')
    .subarray(0, error.bytes_records)
    .toString('utf8');
  const rest = text.replace(/^\uFEFF/, '').slice(before.length);
  const blankLines = /^[\r\n]*/.exec(rest)![0].split('\n').length - 1;
  return before.split('\n').length + blankLines;
}

function checkHeader(file: string, header: string[], table: OrgCsvTable, problems: ProblemList): boolean {
  const expected: readonly string[] = ORG_CSV_COLUMNS[table];
  const before = problems.items.length;
  const add = (field: string, reason: string) => problems.addRaw({ file, location: 'row 1', field, reason });
  header.forEach((column, i) => {
    if (!expected.includes(column)) add(column, `unknown column (expected ${expected.join(',')})`);
    else if (header.indexOf(column) !== i) add(column, 'column appears twice');
  });
  for (const column of expected) if (!header.includes(column)) add(column, 'missing column');
  return problems.items.length === before;
}

function parseBoolean(cell: string): unknown {
  const lower = cell.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : cell;
}

/** The four CSV files of a tree, each with its header row. Empty cells stand for null. */
export function serializeOrgCsv(tree: OrgTree): Record<OrgCsvTable, string> {
  const write = (table: OrgCsvTable, rows: (string | null)[][]) =>
    stringify([[...ORG_CSV_COLUMNS[table]], ...rows.map((r) => r.map((c) => c ?? ''))]);
  return {
    units: write(
      'units',
      tree.units.map((u) => [u.id, u.name, u.type, u.parentId, u.validFrom, u.validTo]),
    ),
    contacts: write(
      'contacts',
      tree.units.flatMap((u) =>
        u.contacts.map((c) => [u.id, c.name, c.email, c.role, c.language, String(c.digest)]),
      ),
    ),
    people: write(
      'people',
      tree.people.map((p) => [p.id, p.name, p.email, p.kind, p.language]),
    ),
    memberships: write(
      'memberships',
      tree.people.flatMap((p) => p.memberships.map((m) => [p.id, m.unitId, m.role, m.validFrom, m.validTo])),
    ),
  };
}
