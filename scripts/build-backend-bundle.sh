#!/usr/bin/env bash
# Host build of the portal's backend, as Backstage documents it for its Dockerfile: builds the
# plugins and the app, then `backstage-cli package build` of packages/backend writes
#   packages/backend/dist/skeleton.tar.gz  every package.json of the backend and its local packages
#   packages/backend/dist/bundle.tar.gz    those packages built (dist/, migrations, app bundle)
# The packages in the bundle are rewritten as for publishing (entry points at dist/).
#
# Adapted to npm: the CLI copies the root yarn.lock into the bundle and would build local
# packages with `yarn run build`. The local packages are built here first and the CLI is told
# to skip that (--skip-build-dependencies); for the lockfile an empty yarn.lock stands in while
# it runs (removed afterwards) and the image installs from package-lock.json instead.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "› type declarations"
npx tsc -p tsconfig.json
for dir in plugins/*/; do
  echo "› build $dir"
  (cd "$dir" && rm -rf dist && npx backstage-cli package build)
done
echo "› build the app (packages/app)"
npm run build --workspace app --silent

placeholder=
if [ ! -e yarn.lock ]; then
  : > yarn.lock
  placeholder=yes
fi
trap '[ -n "$placeholder" ] && rm -f yarn.lock' EXIT
echo "› bundle the backend (packages/backend/dist)"
(cd packages/backend && npx backstage-cli package build --skip-build-dependencies)
ls -l packages/backend/dist
