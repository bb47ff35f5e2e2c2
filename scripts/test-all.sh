#!/usr/bin/env bash
# Every test of the project: the house style (Biome's linter and formatter), typecheck, unit and API tests (vitest; the API over real HTTP on
# PGlite and on PostgreSQL), and browser tests (Playwright in Debian's Chromium).
# Installs what is missing (npm packages, Chromium), builds into .next-test (a running
# server's .next is left alone) and checks that the build opens no database.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR=.next-test

step() { printf '\n== %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm packages"
  npm ci || exit 1
fi

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  step "installing Chromium from Debian's packages"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null \
    || { echo "Chromium is missing and could not be installed: run 'apt-get install -y chromium' as root." >&2; exit 1; }
fi

if ! command -v ogrinfo >/dev/null 2>&1; then
  step "installing GDAL (ogrinfo, ogr2ogr) from Debian's packages, for the OGC API tests"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gdal-bin; } >/dev/null \
    || { echo "GDAL is missing and could not be installed: run 'apt-get install -y gdal-bin' as root." >&2; exit 1; }
fi

step "lint and format (Biome)"
npx biome ci --error-on-warnings . || exit 1

step "typecheck"
npx tsc --noEmit || exit 1

step "build (must not open any database)"
sentinel="$(mktemp -d)/pglite-must-not-exist"
rm -rf .next-test
PGLITE_DIR="$sentinel" DATABASE_URL="" npm run build || exit 1
if [ -e "$sentinel" ]; then echo "next build opened the database at $sentinel" >&2; exit 1; fi

mkdir -p test-results/screenshots
step "unit and API tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
vitest_status=$?

step "browser tests (Playwright, Chromium)"
npx playwright test
playwright_status=$?

node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json
summary_status=$?
if [ $vitest_status -ne 0 ] || [ $playwright_status -ne 0 ] || [ $summary_status -ne 0 ]; then exit 1; fi
