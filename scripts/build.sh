#!/usr/bin/env bash
# Compiles src/ to DIST_DIR (default dist/) and copies what the compiled code reads at run time from beside it (the
# bundled model catalog). The migrations are read from db/migrations next to DIST_DIR. `npm run build` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."
dist="${1:-dist}"
rm -rf "$dist"
npx tsc -p tsconfig.build.json --outDir "$dist"
mkdir -p "$dist/watcher/catalog"
cp src/watcher/catalog/models-dev-api.json "$dist/watcher/catalog/"
