#!/usr/bin/env bash
# Builds every plugin package (plugins/*) as Backstage publishes packages and packs each with
# `npm pack` into one folder (default dist-packs/, git-ignored). Each package's prepack script
# (`backstage-cli package prepack`) points main, module, types and exports at the built files
# in dist/ and adds the feature-discovery markers; postpack puts package.json back.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mkdir -p "${1:-dist-packs}" && cd "${1:-dist-packs}" && pwd)
rm -f "$out"/*.tgz

echo "› type declarations (tsc → dist-types/, bundled into each package's dist/index.d.ts)"
npx tsc -p tsconfig.json

for dir in plugins/*/; do
  echo "› build $dir"
  (cd "$dir" && rm -rf dist && npx backstage-cli package build)
done

for dir in plugins/*/; do
  echo "› pack $dir"
  (cd "$dir" && npm pack --silent --pack-destination "$out" >/dev/null)
done
ls -1 "$out"/*.tgz
