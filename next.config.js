import path from 'node:path';

/**
 * React Aria's words in the locales the product's pages use (lib/format.ts: en-GB, fr-FR, ar-SY,
 * which React Aria reads from its en-US, fr-FR and ar-AE tables); every other locale's module emptied.
 */
const REACT_ARIA_LOCALES = ['en-US', 'fr-FR', 'ar-AE'];
const otherLocale = new RegExp(
  `[/\\\\]react-(aria|stately|aria-components)[/\\\\]dist[/\\\\]private[/\\\\]intl[/\\\\]([^/\\\\]+[/\\\\])?(?!(${REACT_ARIA_LOCALES.join('|')})\\.)[a-z]{2}-[A-Z]{2}\\.mjs$`,
);

/** @type {import('next').NextConfig} */
const nextConfig = {
  turbopack: {
    rules: {
      '*.mjs': { condition: { path: otherLocale }, loaders: [path.resolve('scripts/unused-locale-loader.cjs')], as: '*.js' },
    },
  },
  // tests build into their own folder so they never disturb a running server's .next
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // PGlite loads its WebAssembly next to its own module; pg has optional native parts; resvg is a native addon. Keep them out of the bundle.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', '@resvg/resvg-js'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
        ],
      },
      {
        source: '/generated/:path*',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=3600' }],
      },
    ];
  },
};

export default nextConfig;
