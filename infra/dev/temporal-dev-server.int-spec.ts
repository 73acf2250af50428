import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { sqliteSynchronousOf, startTemporalDevServer } from './temporal-dev-server';
import { freePort } from './wait-for';

describe('the dev server with a file database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-devserver-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes ahead (WAL) and keeps a started workflow across a killed process', async () => {
    const dbFile = path.join(dir, 'temporal.db');
    const port = await freePort();
    let server = await startTemporalDevServer({ port, dbFile });
    let connection = await Connection.connect({ address: server.address });
    const handle = await new Client({ connection }).workflow.start('noWorkerEverRunsThis', {
      workflowId: 'survives-kill',
      taskQueue: 'nobody-polls-this',
    });
    expect(fs.existsSync(`${dbFile}-wal`)).toBe(true);
    await connection.close();
    server.process.kill('SIGKILL');
    await new Promise((resolve) => server.process.once('exit', resolve));

    server = await startTemporalDevServer({ port, dbFile });
    try {
      connection = await Connection.connect({ address: server.address });
      const described = await new Client({ connection }).workflow.getHandle(handle.workflowId).describe();
      expect(described.status.name).toBe('RUNNING');
      expect(described.runId).toBe(handle.firstExecutionRunId);
      await connection.close();
    } finally {
      await server.stop();
    }
  });

  it('takes NORMAL or FULL for TEMPORAL_DEV_SQLITE_SYNCHRONOUS and names the setting otherwise', () => {
    expect(sqliteSynchronousOf(undefined)).toBe('NORMAL');
    expect(sqliteSynchronousOf(' full ')).toBe('FULL');
    expect(() => sqliteSynchronousOf('OFF')).toThrow(
      /TEMPORAL_DEV_SQLITE_SYNCHRONOUS must be NORMAL or FULL/,
    );
  });
});
