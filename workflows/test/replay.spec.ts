import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR, readHistory, workflowBundlePath } from '@dondoc/testing';

/**
 * Replays every stored history (workflows/test/histories/*.history.b64) against today's workflow code. A change
 * to workflow logic that running workflows would see must keep these green: put it behind `patched()`.
 * Record new histories with `RECORD_HISTORIES=1 npx jest --selectProjects workflow`.
 */
describe('replay of stored workflow histories', () => {
  const files = fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.history.b64'));

  it('has histories of every workflow type', () => {
    const types = new Set(files.map((f) => f.split('-')[0]));
    expect(types).toEqual(new Set(['deliverable', 'plan', 'issue', 'urging', 'mail']));
  });

  it.each(files)('%s replays without nondeterminism', async (file) => {
    const history = readHistory(path.join(HISTORIES_DIR, file));
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: workflowBundlePath() }, replayName: file },
      history,
      file,
    );
  });
});
