// Starts infra/dev/test-services.main.ts in a child process (real PostgreSQL + a workflow bundle)
// and hands its addresses to every test worker through the environment.
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

module.exports = async function globalSetup(globalConfig) {
  // Pure unit tests need no servers; every other project gets them.
  const selected = globalConfig.selectProjects;
  if (selected && selected.length > 0 && selected.every((p) => p === 'unit')) return;
  const root = path.resolve(__dirname, '..', '..', '..');
  const child = spawn(
    process.execPath,
    ['--require', '@swc-node/register', 'infra/dev/test-services.main.ts'],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) =>
      reject(new Error(`test services exited with code ${code} (see the error above)`)),
    );
  });
  const services = JSON.parse(line);
  process.stderr.write(
    `\n[test services] ${services.description}; workflows bundled once for every worker\n`,
  );
  process.env.DONDOC_TEST_PG_ADMIN_URL = services.adminUrl;
  process.env.DONDOC_TEST_WORKFLOW_BUNDLE = services.bundlePath;
  globalThis.__DONDOC_TEST_SERVICES__ = child;
};
