import { defineConfig } from '@playwright/test';

const PORT = 3303;
export const HOST_PORT = 3304;

/** Browser tests in Debian's Chromium (WebGL through SwiftShader), against the built app. */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
    ['json', { outputFile: 'test-results/playwright.json' }],
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
      ],
    },
  },
  webServer: [
    {
      // a fresh PGlite directory per run, owned by this server alone
      command: `rm -rf data/e2e-pglite && node server.mjs -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/api/places`,
      env: {
        EDITOR_TOKEN: 'e2e-editor-token',
        PGLITE_DIR: 'data/e2e-pglite',
        NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? '.next-test',
        NEXT_TELEMETRY_DISABLED: '1',
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      // a newsroom's page on another origin, for the embed tests
      command: `node tests/e2e/host-server.mjs ${HOST_PORT}`,
      url: `http://127.0.0.1:${HOST_PORT}/health`,
      reuseExistingServer: false,
    },
  ],
});
