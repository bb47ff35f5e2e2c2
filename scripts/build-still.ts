/**
 * The still-image worker (lib/still/worker.ts) bundled for Node into build/still/worker.mjs: the
 * server forks it by path at run time (lib/still/raster.ts), so Next's bundler never sees it.
 * Packages stay external (resolved from node_modules, resvg's native addon among them).
 */
import path from 'node:path';
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['lib/still/worker.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: ['node20'],
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
  outfile: path.resolve('build/still/worker.mjs'),
  plugins: [
    {
      // the marker that keeps server modules out of browser bundles means nothing in a process of its own
      name: 'server-only',
      setup(build) {
        build.onResolve({ filter: /^server-only$/ }, () => ({ path: 'server-only', namespace: 'empty' }));
        build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: '', loader: 'js' }));
      },
    },
  ],
});
console.log('build-still — build/still/worker.mjs');
