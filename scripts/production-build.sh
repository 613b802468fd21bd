#!/usr/bin/env bash
# The production build, step for step as the Dockerfile runs it: OUT_DIR gets dist/ (compiled), db/migrations and
# db/migrations-pg, package.json and package-lock.json, and node_modules installed from the lockfile without dev
# dependencies. Run the result with `node dist/main.js` from OUT_DIR. Needs this checkout's dev dependencies (tsc), and
# a C++ tool chain where no prebuilt better-sqlite3 binary can be downloaded. test/production/production-steps.test.ts
# runs it.
set -euo pipefail
out="${1:?usage: scripts/production-build.sh OUT_DIR}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$(dirname "$0")/.."
scripts/build.sh "$out/dist"
rm -rf "$out/db"
mkdir -p "$out/db"
cp -R db/migrations db/migrations-pg "$out/db/"
cp package.json package-lock.json "$out/"
cd "$out"
# --omit=optional as well: the dev dependencies drizzle-orm names as optional peers (PGlite, @types) would otherwise
# come along; pg's only optional dependency serves Cloudflare Workers.
npm ci --omit=dev --omit=optional --no-audit --no-fund
