/**
 * The embed island: /embed pages are served by route handlers with no Next.js client runtime,
 * only what an article's reader needs (React, MapLibre and the embed's components). This builds
 * - build/embed/assets/embed-<hash>.js   the browser bundle that hydrates the page;
 * - build/embed/assets/embed-<hash>.css  Tailwind for the components, MapLibre's CSS, the theme;
 *   each also gzipped once here (…​.gz), served by app/island/[file] without compressing per request;
 * - build/embed/server.mjs                   the same components' server renderer (Node's React
 *   build, which Next's route handlers, compiled for server components, do not offer);
 * - build/embed/assets/maplibre-gl-<hash>.mjs, maplibre-gl-worker-<hash>.mjs  MapLibre and its worker, likewise;
 * - build/embed/manifest.json                their public addresses, read by lib/embed/island.ts.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { type Lang, LANGS } from '../lib/i18n/messages';
import postcss from 'postcss';
import tailwind from '@tailwindcss/postcss';

const serverDir = path.resolve('build/embed');
const publicDir = path.join(serverDir, 'assets');
// (older builds wrote the browser files under public/)
fs.rmSync(path.resolve('public/generated/embed'), { recursive: true, force: true });
for (const dir of [serverDir, publicDir]) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
}

const shared: esbuild.BuildOptions = {
  bundle: true,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // the components' 'use client' marks mean nothing outside Next.js
  logOverride: { 'module-level-directive': 'silent' },
  logLevel: 'warning',
  legalComments: 'none',
  // Preact's React compatibility layer: the same components for a tenth of react-dom's weight
  alias: { react: 'preact/compat', 'react-dom': 'preact/compat' },
};

// MapLibre stays its own file, as published: the browser downloads and compiles it alongside the
// (small) embed bundle instead of inside it, and the page preloads it (<link rel=modulepreload>)
const maplibreSource = fs.readFileSync(path.resolve('node_modules/maplibre-gl/dist/maplibre-gl.mjs'));
const maplibreName = `maplibre-gl-${createHash('sha256').update(maplibreSource).digest('base64url').slice(0, 10)}.mjs`;
fs.writeFileSync(path.join(publicDir, maplibreName), maplibreSource);
const maplibreApart: esbuild.Plugin = {
  name: 'maplibre-apart',
  setup(build) {
    build.onResolve({ filter: /^maplibre-gl$/ }, () => ({ path: `/island/${maplibreName}`, external: true }));
  },
};

// one script a language: each carries only its page's words (lib/i18n/dictionaries.ts replaced by a
// module of one language), a third of the bundle that no page reads
const oneLanguage = (lang: Lang): esbuild.Plugin => ({
  name: 'one-language',
  setup(build) {
    build.onResolve({ filter: /^\.\/dictionaries$/ }, (args) =>
      args.importer.endsWith(path.join('lib', 'i18n', 'messages.ts')) ? { path: lang, namespace: 'one-language' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'one-language' }, () => ({
      contents: `import { ${lang} } from './${lang}';\nexport const dictionaries = { ${lang} };\n`,
      resolveDir: path.resolve('lib/i18n'),
      loader: 'ts',
    }));
  },
});
const scripts = {} as Record<Lang, string>;
for (const lang of LANGS) {
  const browser = await esbuild.build({
    ...shared,
    plugins: [maplibreApart, oneLanguage(lang)],
    entryPoints: ['components/embed/client.tsx'],
    platform: 'browser',
    format: 'esm',
    target: ['es2022'],
    minify: true,
    outdir: publicDir,
    entryNames: `embed-${lang}-[hash]`,
    metafile: true,
  });
  const script = Object.keys(browser.metafile.outputs).find((f) => f.endsWith('.js'));
  if (!script) throw new Error('build-embed: esbuild wrote no script');
  scripts[lang] = script;
}

// the page's first script: MapLibre's worker started while the page arrives (no imports but an id)
const early = await esbuild.build({
  ...shared,
  entryPoints: ['components/embed/worker-early.ts'],
  platform: 'browser',
  format: 'esm',
  target: ['es2022'],
  minify: true,
  outdir: publicDir,
  entryNames: 'embed-early-[hash]',
  metafile: true,
});
const earlyScript = Object.keys(early.metafile.outputs).find((f) => f.endsWith('.js'));
if (!earlyScript) throw new Error('build-embed: esbuild wrote no early script');

await esbuild.build({
  ...shared,
  entryPoints: ['components/embed/server.tsx'],
  platform: 'node',
  format: 'esm',
  target: ['node20'],
  // packages resolve from node_modules at run time, with Node's (not the server components') conditions
  packages: 'external',
  outfile: path.join(serverDir, 'server.mjs'),
});

const cssFrom = path.resolve('components/embed/embed.css');
const css = await postcss([tailwind({ optimize: { minify: true } })]).process(fs.readFileSync(cssFrom, 'utf8'), { from: cssFrom });
const cssName = `embed-${createHash('sha256').update(css.css).digest('base64url').slice(0, 10)}.css`;
fs.writeFileSync(path.join(publicDir, cssName), css.css);

// MapLibre's worker too, so that it is also served gzipped once rather than on every request
const workerSource = fs.readFileSync(path.resolve('node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs'));
const workerName = `maplibre-gl-worker-${createHash('sha256').update(workerSource).digest('base64url').slice(0, 10)}.mjs`;
fs.writeFileSync(path.join(publicDir, workerName), workerSource);

for (const name of fs.readdirSync(publicDir)) {
  const file = path.join(publicDir, name);
  fs.writeFileSync(`${file}.gz`, gzipSync(fs.readFileSync(file), { level: 9 }));
}
const manifest = {
  script: Object.fromEntries(LANGS.map((lang) => [lang, `/island/${path.basename(scripts[lang])}`])) as Record<Lang, string>,
  early: `/island/${path.basename(earlyScript)}`,
  style: `/island/${cssName}`,
  worker: `/island/${workerName}`,
  maplibre: `/island/${maplibreName}`,
};
fs.writeFileSync(path.join(serverDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
const size = (f: string) => `${(fs.statSync(f).size / 1024).toFixed(1)} KiB (gzip ${(fs.statSync(`${f}.gz`).size / 1024).toFixed(1)} KiB)`;
console.log(
  `build-embed — ${LANGS.map((lang) => `${manifest.script[lang]} ${size(scripts[lang])}`).join(', ')}, ${manifest.style} ${size(path.join(publicDir, cssName))}, build/embed/server.mjs`,
);
