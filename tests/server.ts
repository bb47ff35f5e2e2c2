/** Starts the built app (`next start`) as its own process, for tests over real HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface RunningServer {
  url: string;
  proc: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

const NEXT_BIN = path.resolve('node_modules/next/dist/bin/next');

export async function startServer(port: number, env: Record<string, string>, timeoutMs = 60_000): Promise<RunningServer> {
  const proc = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port)], {
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
    // ready means the store is open: the API answers with data
    const ok = await fetch(`${url}/api/places`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { url, proc, output: () => out, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`server on ${port} did not become ready:\n${out}`);
}
