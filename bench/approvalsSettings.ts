/*
 * The knobs of the approvals benchmark (documented in bench/approvalsBench.ts), the people and
 * environment of its requests, and which of the seeded requests quinn may decide.
 */

export const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map(s => s.trim());
export const PG_URL = (process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
export const PG_PREFIX = 'shipgate_bench_approvals_';
export const REQUESTS = Number(process.env.BENCH_APPROVALS_REQUESTS ?? 10_000);
export const DECIDABLE = Number(process.env.BENCH_APPROVALS_DECIDABLE ?? 500);
export const READS = Number(process.env.BENCH_APPROVALS_READS ?? 200);
export const DECISIONS = Number(process.env.BENCH_APPROVALS_DECISIONS ?? 300);
export const CONCURRENT_DECISIONS = Number(process.env.BENCH_APPROVALS_CONCURRENT_DECISIONS ?? 100);
export const DECISION_CONCURRENCY = 4;
/** Decisions at a steady rate (one every DECISION_INTERVAL_MS), not back to back. */
export const PACED_DECISIONS = Number(process.env.BENCH_APPROVALS_PACED_DECISIONS ?? 80);
export const DECISION_INTERVAL_MS = Number(process.env.BENCH_APPROVALS_DECISION_INTERVAL_MS ?? 100);
export const BACKEND_NODE_ENV = process.env.BENCH_BACKEND_NODE_ENV ?? process.env.NODE_ENV ?? 'production';
export const KEEP_LOGS = Boolean(process.env.BENCH_KEEP_LOGS);
export const READ_WARMUP = 20;
export const DECISION_WARMUP = 10;
export const STARTUP_TIMEOUT_MS = 240_000;

/** GET /tasks lists at most this many approvals (TaskService's MAX_TASKS). */
export const MAX_TASKS = 500;
/** How many approvals GET /tasks lists for quinn before any decision. */
export const LISTED_APPROVALS = Math.min(DECIDABLE, MAX_TASKS);
export const TARGET_DECISION_P95_MS = 20;
export const TARGET_TASKS_P95_MS = 50;

export const REQUESTER = 'user:default/devon';
export const APPROVER = 'quinn';
export const ENVIRONMENT = 'staging';

/** Every decision the benchmark makes, each on a slot of its own. */
export const ALL_DECISIONS = DECISION_WARMUP + PACED_DECISIONS + DECISIONS + CONCURRENT_DECISIONS;

if (DECISION_WARMUP + DECISIONS + CONCURRENT_DECISIONS + PACED_DECISIONS > DECIDABLE) {
  throw new Error(
    `BENCH_APPROVALS_DECISIONS + BENCH_APPROVALS_CONCURRENT_DECISIONS + ` +
      `BENCH_APPROVALS_PACED_DECISIONS + ${DECISION_WARMUP} ` +
      `(warm-up) must not exceed BENCH_APPROVALS_DECIDABLE (${DECIDABLE}): every decision ` +
      `needs a slot of its own`,
  );
}
if (DECIDABLE > REQUESTS) throw new Error('BENCH_APPROVALS_DECIDABLE exceeds BENCH_APPROVALS_REQUESTS');

/** Request ids 1..REQUESTS whose slot requires `qa`: DECIDABLE of them, spread evenly. */
export const qaRequestIds = Array.from({ length: DECIDABLE }, (_, k) =>
  Math.floor(((k + 1) * REQUESTS) / DECIDABLE),
);
