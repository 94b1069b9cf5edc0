#!/usr/bin/env bash
# Shipgate benchmark: prints ingestion and read figures for SQLite and PostgreSQL.
# Not a test: it asserts nothing. It needs a PostgreSQL on which it may create a database
# (unless BENCH_DATABASES=sqlite).
#
#   npm run bench                          # 1,000,000 rows, SQLite then PostgreSQL
#   BENCH_ROWS=100000 npm run bench        # a quick run
#   BENCH_DATABASES=postgres npm run bench # one database
#
# Other knobs: BENCH_POST_REQUESTS (600 per round and target), BENCH_POST_ROUNDS (5),
# BENCH_POST_CONCURRENCY (16), BENCH_READ_REQUESTS (200), BENCH_VERBOSE=1 (print the SQL of one
# request), BENCH_PG_URL (postgresql://postgres@127.0.0.1:5432; the benchmark creates and
# drops the database shipgate_bench there). Everything listens and connects on 127.0.0.1.
# Figures depend on what else runs on the machine: the output prints the load average.
set -euo pipefail
cd "$(dirname "$0")/.."

# TypeScript runs through the Backstage CLI's node transform, as `backstage-cli package start` does.
# NODE_ENV=production keeps Express and the backend out of their development modes.
export NODE_ENV="${NODE_ENV:-production}"
exec node --max-old-space-size=2048 -r @backstage/cli/config/nodeTransform.cjs \
  bench/deploymentsBench.ts "$@"
