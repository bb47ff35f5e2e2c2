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

  it('takes over at once a lock held by a killed process that is still a zombie', async () => {
    const dir = tmp();
    // the holder is the child of a parent that never reaps it: once killed it stays a zombie
    const script = [
      'import os, sys, time',
      'pid = os.fork()',
      'if pid == 0:',
      `    os.execv(${JSON.stringify(process.execPath)}, [${JSON.stringify(process.execPath)}, "-e", ${JSON.stringify(
        `require('fs').writeFileSync(${JSON.stringify(lockFile(dir))}, String(process.pid), { flag: 'wx' }); setInterval(() => {}, 1000);`,
      )}])`,
      'print(pid, flush=True)',
      'time.sleep(30)',
    ].join('\n');
    const parent = spawn('python3', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const pid = Number(await new Promise<string>((resolve) => parent.stdout?.once('data', (d) => resolve(String(d)))));
      while (!fs.existsSync(lockFile(dir))) await new Promise((r) => setTimeout(r, 20));
      expect(() => acquireDirectoryLock(dir)).toThrow(DirectoryLockedError);
      process.kill(pid, 'SIGKILL');
      // wait until it is a zombie (killed, not reaped): kill(pid, 0) still finds it
      for (let i = 0; i < 100 && !fs.readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z '); i++)
        await new Promise((r) => setTimeout(r, 10));
      expect(fs.readFileSync(`/proc/${pid}/stat`, 'utf8')).toContain(') Z ');
      expect(() => process.kill(pid, 0)).not.toThrow();
      acquireDirectoryLock(dir);
      expect(fs.readFileSync(lockFile(dir), 'utf8')).toBe(String(process.pid));
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('is re-entrant within one process', () => {
    const dir = tmp();
    acquireDirectoryLock(dir);
    expect(() => acquireDirectoryLock(dir)).not.toThrow();
  });
});
