/**
 * npm run bench:ab — is this checkout's embed quicker than another commit's? Both measured in one run.
 *
 * This machine's speed drifts from minute to minute (the bare reference page of bench:embed moved
 * between 0.65 and 1.3 s within one run), so a change worth 5–10 % cannot be seen by comparing two
 * runs of bench:embed. This serves two builds side by side — the working tree (B, built into
 * .next-bench unless BENCH_SKIP_BUILD=1) and a commit (A: BENCH_AB_REF, HEAD by default, checked out
 * and built in a git worktree under the system's temporary folder, kept for the next run) — and
 * loads the same saved view from each, alternately, in one headless Chromium, as bench:embed does.
 * Prints each one's times and the paired ratio B/A (each B load against the A load beside it).
 */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from '../tests/server';
import { drawnProbe, EMBED_MAP, launchChromium, measureLoad, median, publishBenchView, type LoadMeasure } from './bench-lib';

const DIST = '.next-bench';
const PAIRS = Number(process.env.BENCH_RUNS ?? 15);
const TOKEN = 'bench-editor-token';
const ref = process.env.BENCH_AB_REF ?? 'HEAD';
const sha = execSync(`git rev-parse ${ref}`, { encoding: 'utf8' }).trim();
const build = (cwd: string) =>
  execSync('npm run build', { cwd, stdio: 'ignore', env: { ...process.env, NEXT_DIST_DIR: DIST, NEXT_TELEMETRY_DISABLED: '1' } });

// A: the commit, in its own worktree, with node_modules hard-linked from here (Turbopack refuses a symlink)
const tree = path.join(os.tmpdir(), 'bench-ab', sha.slice(0, 12));
if (!fs.existsSync(path.join(tree, DIST, 'BUILD_ID'))) {
  console.log(`building ${ref} (${sha.slice(0, 12)}) in ${tree}…`);
  if (!fs.existsSync(tree)) {
    execSync(`git worktree add --detach ${tree} ${sha}`, { stdio: 'ignore' });
    execSync(`cp -al ${path.resolve('node_modules')} ${path.join(tree, 'node_modules')}`);
  }
  build(tree);
}
if (process.env.BENCH_SKIP_BUILD !== '1') {
  console.log('building the working tree…');
  build(process.cwd());
}

const servers: RunningServer[] = [];
const dirs: string[] = [];
try {
  const serve = async (port: number, cwd: string) => {
    const db = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ab-pglite-'));
    dirs.push(db);
    const server = await startServer(port, { PGLITE_DIR: db, NEXT_DIST_DIR: DIST, EDITOR_TOKEN: TOKEN }, { cwd });
    servers.push(server);
    const view = await publishBenchView(server.url, TOKEN);
    return `${server.url}/embed/${view.id}`;
  };
  const urls = { A: await serve(3393, tree), B: await serve(3394, process.cwd()) };
  const map = EMBED_MAP;
  const ready = drawnProbe(map);
  const browser = await launchChromium();
  const runs: Record<'A' | 'B', LoadMeasure[]> = { A: [], B: [] };
  for (const k of ['A', 'B'] as const) await measureLoad(browser, urls[k], ready);
  for (let i = 0; i < PAIRS; i++)
    // which goes first alternates: a slow spell falls on both alike
    for (const k of i % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) runs[k].push(await measureLoad(browser, urls[k], ready, map));
  await browser.close();

  const drawn = (x: LoadMeasure) => x.drawn ?? Number.POSITIVE_INFINITY;
  console.log(`\nA = ${ref} (${sha.slice(0, 12)}), B = the working tree; ${PAIRS} pairs of cold loads of the embed`);
  for (const k of ['A', 'B'] as const)
    console.log(
      `${k}: first incidents drawn at ${Math.round(median(runs[k].map(drawn)))} ms (runs ${runs[k].map((x) => Math.round(drawn(x))).join(', ')}); seen by the probe at ${Math.round(median(runs[k].map((x) => x.ms)))} ms`,
    );
  const paired = (f: (x: LoadMeasure) => number) => {
    const r = runs.B.map((b, i) => f(b) / f(runs.A[i]!)).sort((a, b) => a - b);
    const q = (at: number) => r[Math.floor(at * (r.length - 1))]!.toFixed(3);
    return `${median(r).toFixed(3)}× (quartiles ${q(0.25)}–${q(0.75)}×; B quicker in ${r.filter((x) => x < 1).length} of ${r.length})`;
  };
  console.log(`B/A, paired: first incidents drawn ${paired(drawn)}; seen by the probe ${paired((x) => x.ms)}`);
} finally {
  for (const s of servers) await s.stop();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
}
