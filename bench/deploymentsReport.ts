/*
 * The printed tables of the deployments benchmark: ingestion and reads per database, then the
 * targets over every database.
 */
import { Stats, formatSeconds, ms, num } from './benchKit';
import { Bench } from './benchDatabases';
import { Ingestion } from './ingestion';
import { ReadRow } from './reads';
import {
  POST_CONCURRENCY,
  POST_REQUESTS,
  POST_ROUNDS,
  READ_REQUESTS,
  READ_WARMUP,
  ROWS,
  TARGET_INGEST_RATIO,
  TARGET_READ_P95_MS,
} from './deploymentsSettings';

export type DbResult = {
  label: string;
  ingestion?: Ingestion;
  reads: ReadRow[];
};

/** CPU ms per request in the backend, and in PostgreSQL (SQLite runs in the backend). */
const cpuPerRequest = (bench: Bench, s: Stats) =>
  `${s.nodeCpuMs!.toFixed(2)}, ${bench.client === 'pg' ? s.pgCpuMs!.toFixed(2) : 'in-process'}`;

export function printIngestion(bench: Bench, ingestion: Ingestion, startedAt: number) {
  console.log(
    `  ingestion: ${POST_ROUNDS} rounds × ${POST_REQUESTS} POSTs per target at concurrency ` +
      `${POST_CONCURRENCY}, after a warm-up of one event per cell (${formatSeconds(startedAt)})`,
  );
  console.log(
    '    target                         req/s    p50 ms  p99 ms   statements  CPU ms/req (backend, db)',
  );
  const line = (name: string, s: Stats, statements: number) =>
    console.log(
      `    ${name.padEnd(27)} ${num(s.rate)}  ${ms(s.p50)} ${ms(s.p99)}   ${String(statements).padStart(10)}  ` +
        `${cpuPerRequest(bench, s)}`,
    );
  line('bare Express + Knex insert', ingestion.baseline, ingestion.statements.bare.length);
  line('Shipgate POST /deployments', ingestion.shipgate, ingestion.statements.Shipgate.length);
  line('(info) Shipgate GET /:id', ingestion.floor, ingestion.statements.floor.length);
  console.log(
    `    ratio Shipgate / bare: ${(ingestion.shipgate.rate / ingestion.baseline.rate).toFixed(2)}×`,
  );
  if (process.env.BENCH_VERBOSE) {
    for (const [name, sqls] of Object.entries(ingestion.statements)) {
      console.log(`    statements of one ${name} request:`);
      sqls.forEach(q => console.log(`      ${q.slice(0, 150)}`));
    }
  }
}

export function printReads(bench: Bench, reads: ReadRow[], startedAt: number) {
  console.log(
    `  reads: ${READ_REQUESTS} requests per row after ${READ_WARMUP} warm-up (${formatSeconds(startedAt)})`,
  );
  console.log(
    '    request                                        conc   req/s   p50 ms  p95 ms  p99 ms' +
      '   CPU ms/req (backend, db)',
  );
  for (const r of reads) {
    console.log(
      `    ${r.scenario.name.padEnd(46)} ${String(r.concurrency).padStart(4)} ${num(r.stats.rate, 7)}  ` +
        `${ms(r.stats.p50)} ${ms(r.stats.p95)} ${ms(r.stats.p99)}   ` +
        `${cpuPerRequest(bench, r.stats)}`,
    );
  }
}

/** Prints a verdict per target and says whether all were met. */
export function printTargets(results: DbResult[]): boolean {
  console.log(`\n=== Targets (reads judged at concurrency 1, ${num(ROWS, 0)} rows)`);
  let allPass = true;
  for (const r of results) {
    if (r.ingestion) {
      const ratio = r.ingestion.shipgate.rate / r.ingestion.baseline.rate;
      const ok = ratio >= TARGET_INGEST_RATIO;
      allPass &&= ok;
      console.log(
        `  ${ok ? 'PASS' : 'FAIL'}  ${r.label.padEnd(10)} ingestion ${ratio.toFixed(2)}× bare ` +
          `(${num(r.ingestion.shipgate.rate, 0)} vs ${num(r.ingestion.baseline.rate, 0)} req/s; ` +
          `target ≥ ${TARGET_INGEST_RATIO}×)`,
      );
    }
    for (const row of r.reads.filter(x => x.scenario.target && x.concurrency === 1)) {
      const pass = row.stats.p95 <= TARGET_READ_P95_MS;
      allPass &&= pass;
      console.log(
        `  ${pass ? 'PASS' : 'FAIL'}  ${r.label.padEnd(10)} ${row.scenario.name} p95 ` +
          `${row.stats.p95.toFixed(1)} ms (target ≤ ${TARGET_READ_P95_MS} ms)`,
      );
    }
  }
  return allPass;
}
