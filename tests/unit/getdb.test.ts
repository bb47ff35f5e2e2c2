import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { lockFile } from '@/lib/db/lock';
import { openPglite } from '@/lib/db/store';

describe('opening the store', () => {
  it('releases a PGlite directory whose migration failed, so a retry never opens it twice', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'getdb-test-'));
    // a directory holding a table that clashes with the first migration
    const other = await openPglite(dir);
    await other.exec('CREATE TABLE places (x int)');
    await other.close();
    const saved = { PGLITE_DIR: process.env.PGLITE_DIR, DATABASE_URL: process.env.DATABASE_URL };
    process.env.PGLITE_DIR = dir;
    delete process.env.DATABASE_URL;
    try {
      await expect(getDb()).rejects.toThrow(/already exists/);
      expect(fs.existsSync(lockFile(dir))).toBe(false);
      // the retry fails the same clean way, not on a half-open directory
      await expect(getDb()).rejects.toThrow(/already exists/);
      expect(fs.existsSync(lockFile(dir))).toBe(false);
    } finally {
      Object.assign(process.env, saved);
      if (saved.DATABASE_URL === undefined) delete process.env.DATABASE_URL;
      if (saved.PGLITE_DIR === undefined) delete process.env.PGLITE_DIR;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
