import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Spawns the real CLI (as `npm run -s cli -- ...` does). A refused behaviour file stops `simulate`
// before any server, database or worker starts, so this is quick; a whole run is in workflows/test.
const repoRoot = path.resolve(__dirname, '../../..');
const register = require.resolve('@swc-node/register', { paths: [repoRoot] });
const main = path.join(repoRoot, 'apps/cli/src/main.ts');

function simulate(behaviour: unknown[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-simulate-cli-'));
  const file = path.join(dir, 'behaviour.json');
  fs.writeFileSync(file, JSON.stringify(behaviour));
  try {
    const result = spawnSync(
      process.execPath,
      [
        ...['--require', register, main, 'simulate'],
        ...['--plan', path.join(repoRoot, 'plans/22-KH-TU.yaml')],
        ...['--org', path.join(repoRoot, 'plans/org/bac-ninh-2021.json')],
        ...['--issued', '2021-08-13', '--until', '2021-10-31', '--behaviour', file],
      ],
      {
        cwd: os.tmpdir(),
        encoding: 'utf8',
        env: { ...process.env, SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json') },
      },
    );
    return { status: result.status, stdout: result.stdout, stderr: result.stderr.replaceAll(file, 'b.json') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('simulate (CLI): reported issues in the behaviour file', () => {
  it('refuses bad issue entries with one line per problem (file, entry, field), exit 1, nothing on stdout', () => {
    const run = simulate([
      {
        obligation: 'implementation-plan',
        unit: 'HU-TIEN-DU',
        period: 'term',
        submit_on: '2021-09-01',
        review: 'accept',
      },
      {
        issue: { reported_by: 'HU-TIEN-DU', on: '2021-08-16' },
        escalate_on: '2021-08-20',
        direction: { units: ['HU-QUE-VO', 'HU-ATLANTIS'], due: '2021-09-15' },
        resolve_on: '2021-12-01',
      },
      {
        issue: { reported_by: 'HU-NOWHERE', on: '2021-08-16', severity: 'urgent' },
        escalate_on: '2021-08-16',
      },
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'b.json: [1] (direction.units): no unit "HU-ATLANTIS" in the org file',
      'b.json: [1] (resolve_on): 2021-12-01 is after --until 2021-10-31',
      'b.json: [2] (issue.reported_by): no unit "HU-NOWHERE" in the org file',
    ]);
  });

  it('refuses an issue resolved before it is acknowledged', () => {
    const run = simulate([
      {
        issue: { reported_by: 'HU-TIEN-DU', on: '2021-08-16' },
        ack_on: '2021-08-20',
        resolve_on: '2021-08-18',
      },
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd()).toBe('b.json: [0] (resolve_on): 2021-08-18 is before ack_on (2021-08-20)');
  });
});
