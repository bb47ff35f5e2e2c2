/**
 * A killed import (SIGKILL, mid-file) leaves whole batches only, and running it again finishes
 * the job: on PGlite and PostgreSQL, with the import command as a user runs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticAcled } from '../../scripts/synthetic-exports';
import { freshDatabase, requirePostgres } from '../pg';
import { BATCH_ROWS } from '@/lib/imports/run';

const ROWS = 12_000;
const command = ['--conditions=react-server', '--import', 'tsx', 'scripts/import.ts'];

function runToEnd(file: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, [...command, file, '--json'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { inserted: number; unchanged: number; rejectedCount: number };
}

/** Starts the import and kills it (SIGKILL) once it has said a batch is written. */
async function killMidway(file: string, env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, [...command, file], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      if (/\d[\d,]* rows ·/.test(String(d))) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code) => (code === 0 ? reject(new Error('the import finished before it could be killed')) : resolve()));
  });
  await new Promise((r) => child.once('exit', r));
}

describe('an import killed mid-file', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'import-kill-')), 'synthetic-acled.csv');

  it.for(['pglite', 'postgres'])(
    'on %s leaves whole batches, and a second run finishes the job',
    { timeout: 300_000 },
    async (engine, ctx) => {
      if (!fs.existsSync(file)) await syntheticAcled(file, ROWS);
      let env: Record<string, string>;
      if (engine === 'pglite') env = { PGLITE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'import-kill-db-')), DATABASE_URL: '' };
      else if (await requirePostgres()) env = { DATABASE_URL: await freshDatabase('conflict_map_test_import_kill') };
      else return ctx.skip();
      await killMidway(file, env);
      const after = runToEnd(file, env);
      // what the killed run wrote, it wrote in whole batches; the rest came now
      expect(after.inserted + after.unchanged).toBe(ROWS);
      expect(after.unchanged % BATCH_ROWS).toBe(0);
      expect(after.unchanged).toBeGreaterThan(0);
      expect(after.unchanged).toBeLessThan(ROWS);
      expect(runToEnd(file, env)).toMatchObject({ inserted: 0, unchanged: ROWS, rejectedCount: 0 });
    },
  );
});
