import * as fs from 'node:fs';
import * as path from 'node:path';

// Workflow code imports '@dondoc/calendar' inside Temporal's deterministic sandbox. These checks
// keep every module reachable from index.ts free of I/O, Node built-ins, clocks and local time.
const NODE_ONLY = new Set(['notice-loader.ts']);
const sources = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts') && !NODE_ONLY.has(f));

describe.each(sources)('%s', (file) => {
  const text = fs.readFileSync(path.join(__dirname, file), 'utf8');

  it('imports no Node built-in', () => {
    expect(text).not.toMatch(/from '(node:|fs|path|os|crypto|child_process)/);
    expect(text).not.toMatch(/require\(/);
  });

  it('reads no clock and no local time', () => {
    expect(text).not.toMatch(/Date\.now\(|new Date\(\)|performance\.now/);
    expect(text).not.toMatch(/\.(get|set)(FullYear|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)\(/);
    expect(text).not.toMatch(/Math\.random|toLocale/);
  });

  it('does not import the Node-only loader', () => {
    expect(text).not.toMatch(/['"]\.\/notice-loader['"]/);
  });
});
