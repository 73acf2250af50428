import * as fs from 'node:fs';
import * as path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { bundleDondocWorkflows } from '../../apps/worker/src/workflow-bundle-options';
import { HISTORIES_DIR, readHistory } from '@dondoc/testing';

const PATCHES_IGNORED = require.resolve('./fixtures/patches-ignored');

/**
 * Histories whose recorded commands a patched change alters: replayed against the code as it would be
 * had those changes been made without `patched()`, they fail. The other histories (the current ones,
 * and older ones whose path no patch touches: e.g. a plan whose first period opened after its issue
 * day, which `plan-opens-before-announcing` leaves as it was) replay either way.
 */
const BROKEN_WITHOUT_PATCHES = [
  'deliverable-accepted-cascade-parent.v1.history.b64',
  'deliverable-extended-overdue-waived.v1.history.b64',
  'deliverable-returned-resubmitted-accepted.v1.history.b64',
  'plan-issued-cascade-cancelled.v1.history.b64',
  'plan-issued-cascade-reorganised-cancelled.v1.history.b64',
  'plan-issued-cascade-reorganised-cancelled.v2.history.b64',
  // Recorded before `plan-opens-before-announcing`: the plan-issued mail preceded the opening.
  'plan-opened-on-issue-day.v1.history.b64',
  // Recorded before `plan-no-timer-when-due`: a timer before each opening already due.
  'plan-issued-cascade-reorganised-cancelled.v3.history.b64',
  'plan-issued-cascade-reorganised-cancelled.v4.history.b64',
  'plan-issued-cascade-reorganised-cancelled.v5.history.b64',
  'plan-opened-on-issue-day.v2.history.b64',
];

/**
 * The replay tests catch a deliberate determinism break: today's workflows bundled with every
 * `patched()` branch taken whatever the history says (fixtures/patches-ignored.ts).
 */
describe('a workflow change without patched() fails the replay of older histories', () => {
  let bundle: { code: string };
  beforeAll(async () => {
    bundle = await bundleDondocWorkflows((config) => ({
      ...config,
      resolve: {
        ...config.resolve,
        alias: { ...(config.resolve?.alias as object), '@temporalio/workflow$': PATCHES_IGNORED },
      },
    }));
  }, 120_000);

  const files = fs.readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.history.b64'));
  const replay = (file: string) =>
    Worker.runReplayHistory(
      { workflowBundle: bundle, replayName: file },
      readHistory(path.join(HISTORIES_DIR, file)),
      file,
    );

  it('knows every history it names', () => {
    expect(files).toEqual(expect.arrayContaining(BROKEN_WITHOUT_PATCHES));
  });

  it.each(BROKEN_WITHOUT_PATCHES)('%s fails with a determinism violation', async (file) => {
    await expect(replay(file)).rejects.toBeInstanceOf(DeterminismViolationError);
  });

  it.each(files.filter((f) => !BROKEN_WITHOUT_PATCHES.includes(f)))('%s replays', async (file) => {
    await expect(replay(file)).resolves.toBeUndefined();
  });
});
