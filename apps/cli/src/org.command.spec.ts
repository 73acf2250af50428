import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Runs the real CLI in a child process, as `npm run -s cli -- ...` does.
const repoRoot = path.resolve(__dirname, '../../..');
const register = require.resolve('@swc-node/register', { paths: [repoRoot] });
const main = path.join(repoRoot, 'apps/cli/src/main.ts');
const FIXTURE = path.join(repoRoot, 'plans/org/bac-ninh-2021.json');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--require', register, main, ...args], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json'), DATABASE_URL: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dondoc org validate / generate', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-org-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('validates the shipped Bắc Ninh fixture', () => {
    expect(cli('org', 'validate', FIXTURE)).toEqual({
      status: 0,
      stdout: 'ok: 49 units, 57 contacts, 10 people, 12 memberships\n',
      stderr: '',
    });
  });

  it('prints every problem of a bad JSON file on its own line and exits 1', () => {
    const doc = JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
    doc.units[4].parentId = 'HU-KHONG-CO';
    doc.units[5].contacts[0].language = 'fr';
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const { status, stdout, stderr } = cli('org', 'validate', file);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      `${file}: /units/5/contacts/0/language (language): must be one of vi, en, got "fr"`,
      `${file}: /units/4/parentId (parentId): no unit with id "HU-KHONG-CO"`,
    ]);
  });

  it('validates a CSV folder and names file, row and column of a bad cell', () => {
    const csvDir = path.join(dir, 'csv');
    fs.mkdirSync(csvDir);
    fs.writeFileSync(
      path.join(csvDir, 'units.csv'),
      'id,name,type,parent_id,valid_from,valid_to\nTU,Tỉnh ủy,tinh-uy,,2020-09-25,\nHU-1,Huyện ủy,huyen-uy,TU,2020-09-25,\n',
    );
    expect(cli('org', 'validate', csvDir)).toMatchObject({
      status: 0,
      stdout: 'ok: 2 units, 0 contacts, 0 people, 0 memberships\n',
    });
    fs.writeFileSync(
      path.join(csvDir, 'contacts.csv'),
      'unit_id,name,email,role,language,digest\nHU-1,VP,vp@,head,vi,false\n',
    );
    const { status, stderr } = cli('org', 'validate', csvDir);
    expect(status).toBe(1);
    expect(stderr).toBe(
      `${path.join(csvDir, 'contacts.csv')}: row 2 (email): must be an e-mail address like name@example.vn, got "vp@"\n`,
    );
  });

  it('generates a deterministic tree that validates', () => {
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    const size = ['--level1', '5', '--grassroots', '8', '--cells', '20', '--members', '100', '--seed', '3'];
    expect(cli('org', 'generate', ...size, '--out', a)).toEqual({
      status: 0,
      stdout: `wrote ${a}: 36 units, 36 contacts, 100 people, 100 memberships\n`,
      stderr: '',
    });
    cli('org', 'generate', ...size, '--out', b);
    expect(fs.readFileSync(a, 'utf8')).toBe(fs.readFileSync(b, 'utf8'));
    expect(cli('org', 'validate', a).status).toBe(0);
  });

  it.each([
    [['org', 'generate', '--members', '-3', '--out', 'x.json'], /whole number/],
    [['org', 'generate', '--members', '10'], /--out/],
    [['org', 'export', '--format', 'xml', '--out', 'x'], /xml/],
    [['org', 'import', FIXTURE, '--mode', 'overwrite'], /overwrite/],
    [['org', 'import', FIXTURE], /DATABASE_URL/],
    [['org', 'validate'], /file-or-csv-dir/],
  ])('rejects usage errors %j with exit code 2', (args, message) => {
    const { status, stderr } = cli(...args);
    expect(stderr).toMatch(message);
    expect(status).toBe(2);
  });
});
