import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { REPO_ROOT } from '../../../infra/dev/repo-root';

export const HISTORIES_DIR = path.join(REPO_ROOT, 'workflows', 'test', 'histories');

/**
 * With RECORD_HISTORIES=1, saves a workflow's event history for the replay tests
 * (workflows/test/replay.spec.ts). Histories are recorded once per workflow version and committed:
 * replaying them proves a code change stays deterministic for workflows already running.
 * Stored as the protobuf binary (base64): exact, and independent of JSON conversion quirks.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await handle.fetchHistory();
  const bytes = temporal.api.history.v1.History.encode(history).finish();
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.history.b64`), Buffer.from(bytes).toString('base64'));
}

export function readHistory(file: string): temporal.api.history.v1.History {
  return temporal.api.history.v1.History.decode(Buffer.from(fs.readFileSync(file, 'utf8'), 'base64'));
}
