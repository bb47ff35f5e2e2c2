/**
 * Global setup of the API tests: the built app served twice, once on a fresh PGlite directory
 * and once on a fresh PostgreSQL database (where a server is reachable; required in CI).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freshDatabase, requirePostgres } from '../pg';
import { startServer, type RunningServer } from '../server';

declare module 'vitest' {
  export interface ProvidedContext {
    servers: { name: string; url: string }[];
    pgliteDir: string;
  }
}

export const EDITOR_TOKEN = 'test-editor-token';

export default async function setup(project: TestProject) {
  const running: RunningServer[] = [];
  const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conflict-map-api-'));
  const servers: { name: string; url: string }[] = [];
  running.push(await startServer(3301, { PGLITE_DIR: pgliteDir, EDITOR_TOKEN, EMBED_FRAME_ANCESTORS: 'https://news.example' }));
  servers.push({ name: 'pglite', url: running[0]!.url });
  if (await requirePostgres()) {
    const url = await freshDatabase('conflict_map_test_api');
    const s = await startServer(3302, { DATABASE_URL: url, EDITOR_TOKEN });
    running.push(s);
    servers.push({ name: 'postgres', url: s.url });
  }
  project.provide('servers', servers);
  project.provide('pgliteDir', pgliteDir);
  return async () => {
    await Promise.all(running.map((s) => s.stop()));
    fs.rmSync(pgliteDir, { recursive: true, force: true });
  };
}
