#!/usr/bin/env bash
# Installs what is missing, then starts the portal: app on http://localhost:3000,
# backend on http://localhost:7007, data in .shipgate-data/ (SQLite, survives restarts).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-install.sh
mkdir -p .shipgate-data
exec npx backstage-cli repo start "$@"
