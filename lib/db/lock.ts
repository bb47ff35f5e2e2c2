import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock of its own, and two processes writing one data directory corrupt it.
 * This makes the first process that opens a directory its only owner: a lock file holds its
 * pid; a second live process gets a clear error; a lock left by a dead or zombie process is taken over at once.
 */
export class DirectoryLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The PGlite data directory ${dir} is already in use by process ${ownerPid}. ` +
        'Only one process may open it: stop that process, or set PGLITE_DIR to another directory ' +
        '(or DATABASE_URL to use a PostgreSQL server).',
    );
    this.name = 'DirectoryLockedError';
  }
}

const held = new Set<string>();

/**
 * Whether a process is alive: it exists, and (on Linux) it is neither a zombie nor dead. A
 * process killed with SIGKILL stays a zombie until its parent reaps it, which can take seconds;
 * `kill(pid, 0)` still finds it, but it holds nothing any more.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    // /proc/PID/stat: "pid (comm) state …"; comm may hold spaces and parentheses, the state follows the last ")"
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X' && state !== 'x';
  } catch (e) {
    // no /proc (not Linux): kill() said it exists; gone between the two calls: dead
    return (e as NodeJS.ErrnoException).code !== 'ENOENT' || !fs.existsSync('/proc/self/stat');
  }
}

export function lockFile(dir: string): string {
  return path.join(dir, '.owner.lock');
}

export function acquireDirectoryLock(dir: string): void {
  const file = lockFile(dir);
  if (held.has(file)) return;
  fs.mkdirSync(dir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      held.add(file);
      process.once('exit', () => releaseDirectoryLock(dir));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    if (owner === process.pid) {
      held.add(file);
      return;
    }
    if (Number.isInteger(owner) && owner > 0 && alive(owner)) throw new DirectoryLockedError(dir, owner);
    fs.rmSync(file, { force: true }); // stale: its owner is gone
  }
  throw new Error(`Could not take the lock on ${file}`);
}

export function releaseDirectoryLock(dir: string): void {
  const file = lockFile(dir);
  if (!held.delete(file)) return;
  try {
    if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.rmSync(file, { force: true });
  } catch {
    // already gone: nothing to release
  }
}
