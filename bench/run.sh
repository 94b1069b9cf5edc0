#!/usr/bin/env bash
# Shipgate benchmarks: print figures for SQLite and PostgreSQL. Not tests: they assert nothing
# but that every request succeeded. They need a PostgreSQL on which they may create databases
# (unless BENCH_DATABASES=sqlite).
#
#   npm run bench                          # everything, SQLite then PostgreSQL
#   BENCH_PARTS=approvals npm run bench    # one part (ingestion, reads, approvals, promotions,
#                                          # rules, editor; comma-separated)
#   BENCH_ROWS=100000 npm run bench        # a quick run of the reads
#   BENCH_DATABASES=postgres npm run bench # one database
#
# bench/deploymentsBench.ts (parts ingestion and reads): the deployments plugin in-process with
# mocked auth. Knobs: BENCH_ROWS (1,000,000), BENCH_POST_REQUESTS (600 per round and target),
# BENCH_POST_ROUNDS (5), BENCH_POST_CONCURRENCY (16), BENCH_READ_REQUESTS (200), BENCH_VERBOSE=1
# (print the SQL of one request); it creates and drops the database shipgate_bench.
#
# bench/approvalsBench.ts (part approvals): the real portal backend as a child process, real
# tokens from the demo sign-in, the real permission policy; decisions and GET /tasks with 10,000
# open requests. Knobs: BENCH_APPROVALS_REQUESTS (10000), BENCH_APPROVALS_DECIDABLE (500),
# BENCH_APPROVALS_READS (200), BENCH_APPROVALS_DECISIONS (300),
# BENCH_APPROVALS_CONCURRENT_DECISIONS (100), BENCH_APPROVALS_PACED_DECISIONS (80, one every
# BENCH_APPROVALS_DECISION_INTERVAL_MS, 100), BENCH_BACKEND_NODE_ENV (production),
# BENCH_KEEP_LOGS=1, BENCH_EVENT_BUS (unset: Backstage's default `auto`; `never` measures a
# single replica without the events backend's bus); it creates and drops the databases
# shipgate_bench_approvals_*.
#
# bench/promotionsBench.ts (part promotions): the real portal backend again; preview and
# approve with 100 variables per environment. Knobs: BENCH_PROMOTION_TARGETS (40),
# BENCH_PROMOTION_PREVIEWS (200).
#
# bench/rulesBench.ts (part rules): the real portal backend again; POST /rules/evaluate with
# 1,000 rules spread over environments, then with all of them matching. Knobs: BENCH_RULES
# (1000), BENCH_RULES_ENVIRONMENTS (20), BENCH_RULES_EVALUATIONS (300).
#
# bench/editor/ (part editor): the portal as the browser tests start it, with 40 environments
# (bench/editor/app-config.editor.yaml); the Pipeline tab's first render and a drag, in Chromium.
#
# All: BENCH_PG_URL (postgresql://postgres@127.0.0.1:5432). Everything listens and connects on
# 127.0.0.1. Figures depend on what else runs on the machine: the output prints the load average.
set -euo pipefail
cd "$(dirname "$0")/.."

export BENCH_PARTS="${BENCH_PARTS:-ingestion,reads,approvals,promotions,rules,editor}"
has_part() { [[ ",${BENCH_PARTS// /}," == *",$1,"* ]]; }

# TypeScript runs through the Backstage CLI's node transform, as `backstage-cli package start` does.
# NODE_ENV=production keeps Express and the backend out of their development modes.
export NODE_ENV="${NODE_ENV:-production}"
run() { node --max-old-space-size=2048 -r @backstage/cli/config/nodeTransform.cjs "$@"; }

if has_part ingestion || has_part reads; then
  run bench/deploymentsBench.ts "$@"
fi
if has_part approvals; then
  run bench/approvalsBench.ts "$@"
fi
if has_part promotions; then
  run bench/promotionsBench.ts "$@"
fi
if has_part rules; then
  run bench/rulesBench.ts "$@"
fi
if has_part editor; then
  # The real portal (dev server) with 40 environments, in Debian's Chromium.
  rm -rf .shipgate-data/bench-editor
  # `npm start`'s development mode: the demo sign-in that the browser uses is off in production.
  NODE_ENV=development npx playwright test -c bench/editor/playwright.config.ts
fi
