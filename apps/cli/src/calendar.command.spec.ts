import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

// Runs the real CLI in a child process, as `npm run -s cli -- ...` does, from a foreign working
// directory to show that the notices folder is found from the code, not from the cwd.
const repoRoot = path.resolve(__dirname, '../../..');
const register = require.resolve('@swc-node/register', { paths: [repoRoot] });
const main = path.join(repoRoot, 'apps/cli/src/main.ts');

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--require', register, main, ...args], {
    cwd: os.tmpdir(),
    encoding: 'utf8',
    env: { ...process.env, SWC_NODE_PROJECT: path.join(repoRoot, 'tsconfig.json') },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('dondoc calendar days-off', () => {
  it('prints the days off of a range, one ISO date per line, sorted (2024: 29/4 swapped, Sat 4/5 worked)', () => {
    const { status, stdout, stderr } = cli(
      'calendar',
      'days-off',
      '--from',
      '2024-04-25',
      '--to',
      '2024-05-05',
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(
      ['2024-04-27', '2024-04-28', '2024-04-29', '2024-04-30', '2024-05-01', '2024-05-05']
        .map((d) => `${d}\n`)
        .join(''),
    );
  });

  it('prints nothing for a range without days off', () => {
    expect(cli('calendar', 'days-off', '--from', '2024-05-06', '--to', '2024-05-10')).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  });

  it.each([
    [['--from', '2024-02-30', '--to', '2024-03-01'], /2024-02-30/],
    [['--from', '2024-03-02', '--to', '2024-03-01'], /after/],
    [['--from', '2024-03-01'], /--to/],
    [['--from', 'tomorrow', '--to', '2024-03-01'], /YYYY-MM-DD/],
  ])('rejects bad input %j on stderr with exit code 2', (args, message) => {
    const { status, stdout, stderr } = cli('calendar', 'days-off', ...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('exits 2 on an unknown command', () => {
    expect(cli('calendar', 'nope').status).toBe(2);
  });
});
