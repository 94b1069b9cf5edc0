/*
 * The knobs of the deployments benchmark (documented in bench/deploymentsBench.ts) and the
 * shape of its catalog: 500 products over 6 environments.
 */

export const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
export const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map(s => s.trim());
export const POST_REQUESTS = Number(process.env.BENCH_POST_REQUESTS ?? 600); // per round, per target
// Rounds alternate baseline and Shipgate so that drift in the machine's load hits both alike.
export const POST_ROUNDS = Number(process.env.BENCH_POST_ROUNDS ?? 5);
export const POST_CONCURRENCY = Number(process.env.BENCH_POST_CONCURRENCY ?? 16);
export const READ_REQUESTS = Number(process.env.BENCH_READ_REQUESTS ?? 200);
export const READ_WARMUP = 20;
export const READ_CONCURRENCIES = [1, 8];
export const PG_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
export const PG_DATABASE = 'shipgate_bench';
export const PARTS = (process.env.BENCH_PARTS ?? 'ingestion,reads').split(',').map(s => s.trim());

export const PRODUCTS = 500;
export const ENVIRONMENTS = [
  { name: 'dev', tier: 'development' },
  { name: 'test', tier: 'testing' },
  { name: 'qa', tier: 'testing' },
  { name: 'staging', tier: 'staging' },
  { name: 'preprod', tier: 'staging' },
  { name: 'production', tier: 'production' },
];
export const ENV_NAMES = ENVIRONMENTS.map(e => e.name);

export const TARGET_INGEST_RATIO = 0.5;
export const TARGET_READ_P95_MS = 50;

export const productName = (i: number) => `p-${String(i).padStart(3, '0')}`;
