/** Starts the built app (`node server.mjs`, as `npm start` does) as its own process, for tests over real HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface RunningServer {
  url: string;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

const SERVER = path.resolve('server.mjs');

export interface StartOptions {
  timeoutMs?: number;
  /** when the server counts as ready; by default, once the API answers with data (the store is open) */
  ready?: (res: Response) => boolean;
  /** the checkout to serve (its server.mjs and build); this one by default */
  cwd?: string;
}

export async function startServer(
  port: number,
  env: Record<string, string>,
  { timeoutMs = 60_000, ready = (r) => r.ok, cwd }: StartOptions = {},
): Promise<RunningServer> {
  const proc = spawn(process.execPath, [cwd ? path.join(cwd, 'server.mjs') : SERVER, '-p', String(port), '-H', '127.0.0.1'], {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (proc.exitCode !== null) return;
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`server on ${port} exited (${proc.exitCode}):\n${out}`);
    const ok = await fetch(`${url}/api/places`).then(ready, () => false);
    if (ok) return { url, proc, output: () => out, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server on ${port} did not become ready:\n${out}`);
}
