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

/** Our modules a file imports, as paths from the root without extension ("lib/db/store"). */
function imports(file: string): string[] {
  const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const specs = [
    ...src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|^import\s+'([^']+)'/gm),
  ].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  return specs.flatMap((s) => {
    if (s.startsWith('@/')) return [s.slice(2)];
    if (s.startsWith('.')) return [path.normalize(path.join(path.dirname(file), s))];
    return [];
  });
}

const tree = ['app', 'components', 'geo', 'lib'].flatMap(files);
const under = (dir: string) => (p: string) => p === dir || p.startsWith(`${dir}/`);
const violations = (from: (f: string) => boolean, to: (p: string) => boolean) =>
  tree.filter(from).flatMap((f) =>
    imports(f)
      .filter(to)
      .map((p) => `${f} → ${p}`),
  );

describe('layers', () => {
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
        ].some((d) => under(d)(f)) && !shared.has(f),
    );
    expect(server.length).toBeGreaterThan(20);
    const unmarked = server.filter((f) => !/^import 'server-only';$/m.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(unmarked).toEqual([]);
    const serverModules = new Set(server.map((f) => f.replace(/\.(ts|tsx|mjs)$/, '')));
    expect(violations(under('components'), (p) => serverModules.has(p))).toEqual([]);
  });
});
