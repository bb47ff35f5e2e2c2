/** @type {import('next').NextConfig} */
const nextConfig = {
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
