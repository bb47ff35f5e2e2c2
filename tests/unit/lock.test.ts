import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDirectoryLock, DirectoryLockedError, lockFile, releaseDirectoryLock } from '@/lib/db/lock';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-test-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) {
    releaseDirectoryLock(d);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

/** Another real process that holds the lock until killed. */
function holder(dir: string): Promise<{ pid: number; kill: () => void }> {
  const code = `require('fs').writeFileSync(${JSON.stringify(lockFile(dir))}, String(process.pid), { flag: 'wx' }); console.log('held'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve) => child.stdout!.once('data', () => resolve({ pid: child.pid!, kill: () => child.kill('SIGKILL') })));
}

describe('PGlite directory lock', () => {
  it('lets one process own a directory and refuses another live one', async () => {
    const dir = tmp();
    const other = await holder(dir);
    try {
      expect(() => acquireDirectoryLock(dir)).toThrow(DirectoryLockedError);
      expect(() => acquireDirectoryLock(dir)).toThrow(new RegExp(`in use by process ${other.pid}`));
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = tmp();
    const other = await holder(dir);
    other.kill();
    await new Promise((r) => setTimeout(r, 200));
    acquireDirectoryLock(dir);
    expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    releaseDirectoryLock(dir);
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it('is re-entrant within one process', () => {
    const dir = tmp();
    acquireDirectoryLock(dir);
    expect(() => acquireDirectoryLock(dir)).not.toThrow();
  });
});
