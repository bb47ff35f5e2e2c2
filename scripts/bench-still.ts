/**
 * npm run bench:still — does a flood of still-image requests slow the API? (issue: at most 2×)
 *
 * One server on the seed data. First /api/incidents alone, N sequential requests; then the same
 * while CLIENTS clients each keep asking for PNG still images that are not cached yet (every
 * view × size × language once), all in one run so the machine's noise touches both. Prints both
 * latencies, their ratio, and what the still-image route answered (200 drawn, 503 busy).
 * BENCH_SKIP_BUILD=1 reuses the last build in .next-bench.
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STILL_HEIGHTS, STILL_WIDTHS } from '../lib/still/sizes';
import { startServer } from '../tests/server';

const DIST = '.next-bench';
const PORT = 3393;
const N = Number(process.env.BENCH_REQUESTS ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 6);
const TOKEN = 'bench-editor-token';

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

if (process.env.BENCH_SKIP_BUILD !== '1') {
  console.log('building…');
  execSync('npm run build', { stdio: 'ignore', env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1' } });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-still-'));
const server = await startServer(PORT, { PGLITE_DIR: dir, NEXT_DIST_DIR: DIST, EDITOR_TOKEN: TOKEN });
try {
  const auth = { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` };
  const views: string[] = [];
  for (const theme of ['light', 'dark']) {
    const created = await fetch(`${server.url}/api/views`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ title: { en: `Bench ${theme}` }, theme }),
    });
    const { id } = (await created.json()) as { id: string };
    await fetch(`${server.url}/api/views/${id}/publish`, { method: 'POST', headers: auth, body: '{}' });
    views.push(id);
  }
  // every still image the server can be asked for, each once: all cache misses
  const images = views.flatMap((id) =>
    STILL_WIDTHS.flatMap((w) =>
      STILL_HEIGHTS.flatMap((h) => ['fr', 'en'].map((lang) => `/api/views/${id}/static.png?w=${w}&h=${h}&lang=${lang}`)),
    ),
  );
  // largest first: the worst case for the renderer
  images.sort((a, b) => {
    const area = (u: string) => Number(/w=(\d+)/.exec(u)?.[1]) * Number(/h=(\d+)/.exec(u)?.[1]);
    return area(b) - area(a);
  });

  const series = async () => {
    const times: number[] = [];
    for (let i = 0; i < N; i++) {
      const s = performance.now();
      const res = await fetch(`${server.url}/api/incidents`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`/api/incidents: ${res.status}`);
      times.push(performance.now() - s);
    }
    return times;
  };
  for (let i = 0; i < 20; i++) await (await fetch(`${server.url}/api/incidents`)).arrayBuffer();
  const alone = await series();

  let flooding = true;
  const answers = { drawn: 0, busy: 0, other: 0 };
  let next = 0;
  const client = async () => {
    while (flooding && next < images.length) {
      const url = images[next++];
      const res = await fetch(`${server.url}${url}`);
      await res.arrayBuffer();
      if (res.status === 200) answers.drawn++;
      else if (res.status === 503) {
        answers.busy++;
        await new Promise((r) => setTimeout(r, 50));
      } else answers.other++;
    }
  };
  const clients = Array.from({ length: CLIENTS }, client);
  await new Promise((r) => setTimeout(r, 300));
  const during = await series();
  flooding = false;
  await Promise.all(clients);

  const row = (name: string, xs: number[]) =>
    `${name.padEnd(34)}${percentile(xs, 50).toFixed(1).padStart(8)}${percentile(xs, 95).toFixed(1).padStart(8)}${Math.max(...xs)
      .toFixed(1)
      .padStart(8)}`;
  console.log(`\n/api/incidents, ${N} sequential requests (ms), PGlite, seed data:`);
  console.log(`${''.padEnd(34)}${'p50'.padStart(8)}${'p95'.padStart(8)}${'max'.padStart(8)}`);
  console.log(row('alone', alone));
  console.log(row(`during a flood of ${CLIENTS} PNG clients`, during));
  const ratio50 = percentile(during, 50) / percentile(alone, 50);
  const ratio95 = percentile(during, 95) / percentile(alone, 95);
  console.log(
    `ratio during/alone: p50 ${ratio50.toFixed(2)}×, p95 ${ratio95.toFixed(2)}× (target ≤ 2×: ${ratio50 <= 2 && ratio95 <= 2 ? 'met' : 'missed'})`,
  );
  console.log(
    `still images asked during the flood: ${answers.drawn} drawn (200), ${answers.busy} refused while busy (503), ${answers.other} other`,
  );
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
