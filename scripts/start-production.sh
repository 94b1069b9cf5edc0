#!/usr/bin/env bash
# Runs Shipgate as in production: the built app served by one backend process on :7007,
# PostgreSQL and the settings of app-config.production.yaml (see README, "Run it in production").
# The backend runs from source through the Backstage CLI's node transform (as `backstage-cli
# package start` does, without the watcher): a quick local try of the production settings. The
# deployed form is the container built from the bundle (packages/backend/Dockerfile).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-install.sh
if [ ! -f packages/app/dist/index.html ] || [ -n "${SHIPGATE_REBUILD_APP:-}" ]; then
  echo "› building the app"
  npm run build --workspace app
fi
root=$PWD
export NODE_ENV=production
# From the backend's folder, as in development: relative catalog locations resolve from there.
cd packages/backend
exec node -r @backstage/cli/config/nodeTransform.cjs src/index.ts \
  --config "$root/app-config.yaml" --config "$root/app-config.production.yaml" "$@"
