/**
 * The layers' directions, read off every import in the tree: dependencies point down, and
 * server modules say so. A rule broken here is a design decision to make in the open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return files(rel);
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [rel] : [];
  });
}

/** Our modules a file imports (in either quote, type-only included), as paths from the root without extension ("lib/db/store"). */
function imports(file: string): string[] {
  const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [
    ...src.matchAll(
      /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  return specs.flatMap((s) => {
    if (s.startsWith('@/')) return [s.slice(2)];
    if (s.startsWith('.')) return [path.normalize(path.join(path.dirname(file), s))];
    return [];
  });
}

const tree = ['app', 'components', 'geo', 'lib'].flatMap(files);
/** Every source file of ours: the app, the scripts, the root's modules. */
const everything = [...tree, ...files('scripts'), 'proxy.ts', 'instrumentation.ts', 'server.mjs', 'next.config.js'].filter((f) =>
  fs.existsSync(path.join(ROOT, f)),
);
const under = (dir: string) => (p: string) => p === dir || p.startsWith(`${dir}/`);
const violations = (from: (f: string) => boolean, to: (p: string) => boolean) =>
  tree.filter(from).flatMap((f) =>
    imports(f)
      .filter(to)
      .map((p) => `${f} → ${p}`),
  );

/** The folder a module belongs to: `lib/db` for lib/db/store.ts, `lib/format` for lib/format.ts, `components/desk`, `app`, `scripts`. */
function folderOf(p: string): string {
  const parts = p.replace(/\.(ts|tsx|mjs|js)$/, '').split('/');
  const [top, second] = parts;
  if ((top === 'lib' || top === 'components') && second && parts.length > 2) return `${top}/${second}`;
  if (top === 'lib' && second) return `lib/${second}`;
  return top ?? p;
}

const CLIENT_SAFE = [
  'lib/domain',
  'lib/incident',
  'lib/html',
  'lib/i18n',
  'lib/format',
  'lib/timeline',
  'lib/state',
  'lib/hooks',
  'lib/small-set',
  'lib/use-media',
];
const HTTP = ['lib/api', 'lib/auth', 'lib/front', 'lib/render-cache', 'lib/requests', 'lib/pages'];
const FEATURES = [
  'lib/incidents',
  'lib/places',
  'lib/views',
  'lib/tiles',
  'lib/exports',
  'lib/ogc',
  'lib/records',
  'lib/history',
  'lib/imports',
  'lib/accounts',
  'lib/desk',
  'lib/synthetic',
  'lib/embed',
  'lib/still',
];
const BELOW_FEATURES = ['lib/db', 'lib/seed', 'geo', 'lib/basemap-files', ...CLIENT_SAFE, ...HTTP];
/**
 * Which folder may import which, read across: a folder imports itself freely and only the
 * folders in its row. Lower rows never name higher ones.
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  'lib/domain': [],
  'lib/html': [],
  'lib/i18n': ['lib/domain'],
  // the incident's shapes and projections (lib/incident/view.ts): every side reads them, the store makes them;
  // its map markers are sized by the symbols' geometry (geo/symbols)
  'lib/incident': ['lib/domain', 'lib/i18n', 'geo'],
  'lib/timeline': ['lib/domain'],
  'lib/format': ['lib/domain', 'lib/i18n'],
  'lib/state': ['lib/domain', 'lib/i18n'],
  'lib/small-set': ['lib/domain'],
  'lib/use-media': [],
  geo: ['lib/domain', 'lib/i18n'],
  'lib/seed': ['lib/domain'],
  'lib/db': ['lib/domain', 'lib/incident', 'lib/seed', 'lib/timeline', 'geo'],
  'lib/basemap-files': ['geo'],
  'lib/hooks': ['lib/domain', 'lib/incident', 'lib/timeline', 'lib/i18n', 'lib/api'],
  'lib/api': ['lib/domain', 'lib/incident', 'lib/db', 'lib/i18n'],
  'lib/auth': ['lib/domain', 'lib/db', 'lib/i18n', 'lib/api'],
  'lib/front': ['lib/api'],
  'lib/render-cache': ['lib/api'],
  'lib/requests': ['lib/db'],
  'lib/pages': ['lib/i18n', 'lib/api'],
  // features: the shared folders below them, and the few features they are built on
  ...Object.fromEntries(FEATURES.map((f) => [f, BELOW_FEATURES])),
  // an embed shows a view's incidents (its tiles when many) and, without scripts, its still image
  'lib/embed': [...BELOW_FEATURES, 'lib/views', 'lib/tiles', 'lib/still'],
  'lib/still': [...BELOW_FEATURES, 'lib/views'],
  components: [...CLIENT_SAFE, 'geo', 'lib/api', 'lib/embed', 'lib/tiles', 'lib/history'],
  'components/desk': [...CLIENT_SAFE, 'geo', 'lib/api', 'lib/desk', 'lib/history', 'components'],
  'components/embed': [...CLIENT_SAFE, 'geo', 'lib/api', 'lib/embed', 'components'],
  // routes and pages are shims: they reach the store only through a feature
  app: [...BELOW_FEATURES.filter((f) => f !== 'lib/db'), ...FEATURES, 'components', 'components/desk', 'components/embed'],
  proxy: ['lib/api', 'lib/db', 'lib/i18n', 'lib/pages'],
  instrumentation: ['lib/auth', 'lib/db'],
  server: [],
  'next.config': [],
  // the scripts stand beside the app: they may use any of it, and the tests' helpers
  scripts: [...BELOW_FEATURES, ...FEATURES, 'components', 'components/embed', 'tests'],
};
/**
 * Imports that break the table today, each a debt to pay (issue 27): a sideways pair. The test fails when one is paid and still listed, so the list only shrinks.
 */
const DEBTS = new Set<string>([]);

/** Every import between two folders, with the first file that makes it. */
function folderEdges(): Map<string, string> {
  const edges = new Map<string, string>();
  for (const f of everything) {
    const from = folderOf(f);
    for (const p of imports(f)) {
      const to = folderOf(p);
      if (to !== from && !edges.has(`${from} → ${to}`)) edges.set(`${from} → ${to}`, `${f} → ${p}`);
    }
  }
  return edges;
}

/** A file that resolves an import (its extension added), or null for a package or a missing file. */
function resolve(p: string): string | null {
  for (const ext of ['.ts', '.tsx', '.mjs', '.js', '/index.ts', '/index.tsx', ''])
    if (fs.existsSync(path.join(ROOT, p + ext)) && fs.statSync(path.join(ROOT, p + ext)).isFile()) return p + ext;
  return null;
}

/** The import circles among files (strongly connected components of more than one file, Tarjan). */
function circles(): string[][] {
  const graph = new Map(everything.map((f) => [f, imports(f).flatMap((p) => resolve(p) ?? [])]));
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const circle: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        onStack.delete(w);
        circle.push(w);
        if (w === v) break;
      }
      if (circle.length > 1) found.push(circle.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('layers', () => {
  it('every import between folders is one the table allows (or a debt listed)', () => {
    const edges = folderEdges();
    expect(edges.size).toBeGreaterThan(50);
    const unknown = [...new Set([...edges.keys()].map((e) => e.split(' → ')[0] ?? ''))].filter((from) => !(from in MAY_IMPORT));
    expect(unknown, 'folders missing from the table').toEqual([]);
    const broken = [...edges]
      .filter(([edge]) => {
        const [from = '', to = ''] = edge.split(' → ');
        return !MAY_IMPORT[from]?.includes(to) && !DEBTS.has(edge);
      })
      .map(([edge, example]) => `${edge} (${example})`);
    expect(broken).toEqual([]);
  });

  it('lists only debts still owed', () => {
    const edges = folderEdges();
    expect([...DEBTS].filter((d) => !edges.has(d))).toEqual([]);
  });

  it('has no import circle among files, type imports included', () => {
    expect(circles()).toEqual([]);
  });

  it('holds no source file over 500 lines, the migrations and the dictionaries aside', () => {
    // a file past this does more than one job: split it by what each part does
    const MAX_LINES = 500;
    const aside = (f: string) => f === 'lib/db/migrations.ts' || f.startsWith('lib/i18n/');
    const long = [...everything, ...files('tests')]
      .filter((f) => !aside(f))
      .map((f) => ({ f, lines: fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ f, lines }) => `${f}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it('reads imports in either quote, type-only ones and those of scripts', () => {
    expect(imports('lib/i18n/fr.ts')).toContain('lib/i18n/keys');
    expect(everything).toContain('scripts/bench-load.ts');
    expect(folderEdges().has('scripts → tests')).toBe(true);
  });

  it('lib never imports components or app', () => {
    expect(violations(under('lib'), (p) => under('components')(p) || under('app')(p))).toEqual([]);
  });

  it('the domain imports nothing of ours but itself', () => {
    expect(violations(under('lib/domain'), (p) => !under('lib/domain')(p))).toEqual([]);
  });

  it('the store imports neither the HTTP helpers nor the features above it', () => {
    expect(
      violations(under('lib/db'), (p) =>
        ['lib/api', 'lib/embed', 'lib/still', 'lib/views', 'lib/imports', 'lib/tiles', 'components', 'app'].some((d) => under(d)(p)),
      ),
    ).toEqual([]);
  });

  it('geo imports no store, HTTP or feature module', () => {
    expect(
      violations(under('geo'), (p) =>
        ['lib/db', 'lib/api', 'lib/embed', 'lib/still', 'lib/views', 'components', 'app'].some((d) => under(d)(p)),
      ),
    ).toEqual([]);
  });

  it('server modules say so, and client components import none of them', () => {
    // shared by server and browser: the API's GeoJSON types, the embed's ids and props, the embed code, the still sizes
    const shared = new Set([
      'lib/api/geojson.ts',
      'lib/api/cursor.ts',
      'lib/embed/ids.ts',
      'lib/embed/types.ts',
      'lib/embed/code.ts',
      'lib/still/sizes.ts',
      'lib/tiles/schema.ts',
    ]);
    const server = tree.filter(
      (f) =>
        [
          'lib/db',
          'lib/api',
          'lib/embed',
          'lib/still',
          'lib/views',
          'lib/imports',
          'lib/exports',
          'lib/ogc',
          'lib/synthetic',
          'lib/tiles',
          'lib/incidents',
          'lib/front.ts',
          'lib/requests.ts',
          'lib/render-cache.ts',
        ].some((d) => under(d)(f)) && !shared.has(f),
    );
    expect(server.length).toBeGreaterThan(20);
    const unmarked = server.filter((f) => !/^import 'server-only';$/m.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(unmarked).toEqual([]);
    const serverModules = new Set(server.map((f) => f.replace(/\.(ts|tsx|mjs)$/, '')));
    expect(violations(under('components'), (p) => serverModules.has(p))).toEqual([]);
  });
});
