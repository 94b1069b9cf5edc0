#!/usr/bin/env bash
# Installs the workspace's packages when they are missing or older than the lockfile.
# `npm install`, not `npm ci`: see README ("Toolchain notes").
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ ! -e node_modules/better-sqlite3/build/Release/better_sqlite3.node ]; then
  echo "› npm install (first run takes a few minutes: better-sqlite3 builds from source)"
  # A dropped connection to the registry fails a whole CI run; try again before giving up.
  for attempt in 1 2 3; do
    npm install --no-audit --no-fund && exit 0
    echo "npm install failed (attempt $attempt of 3); free disk: $(df -h . | awk 'NR==2 {print $4}')" >&2
    [ "$attempt" -lt 3 ] && sleep 20
  done
  exit 1
fi
