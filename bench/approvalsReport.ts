/*
 * The printed tables of the approvals benchmark: the measured rows per database, then the
 * targets over every database.
 */
import { formatSeconds, ms, num } from './benchKit';
import { PortalDatabase } from './PortalBackend';
import { Row } from './approvalsMeasure';
import {
  CONCURRENT_DECISIONS,
  DECISION_INTERVAL_MS,
  PACED_DECISIONS,
  DECIDABLE,
  DECISIONS,
  DECISION_CONCURRENCY,
  DECISION_WARMUP,
  READS,
  READ_WARMUP,
  REQUESTS,
} from './approvalsSettings';

export type DbResult = { label: string; rows: Row[] };

export function printRows(
  database: PortalDatabase,
  rows: Row[],
  approved: number,
  startedAt: number,
) {
  console.log(
    `  measured (${formatSeconds(startedAt)}): ${READS} requests per read after ${READ_WARMUP} warm-up; ` +
      `${DECISION_WARMUP} warm-up decisions, then ${PACED_DECISIONS} one every ${DECISION_INTERVAL_MS} ms, ` +
      `${DECISIONS} back to back at concurrency 1 and ` +
      `${CONCURRENT_DECISIONS} at ${DECISION_CONCURRENCY}, each on its own slot; ` +
      `${approved} requests now approved`,
  );
  printTable(database, rows);
}

/** The measured rows: rate, latencies, CPU, internal calls, and the verdict of each target. */
export function printTable(database: PortalDatabase, rows: Row[]) {
  console.log(
    '    request                                  conc   req/s   p50 ms  p95 ms  p99 ms   CPU ms/req (backend, db)' +
      '  internal calls/req  target',
  );
  for (const r of rows) {
    const verdict =
      r.target === undefined || r.concurrency !== 1
        ? ''
        : `p95 ≤ ${r.target} ms: ${r.stats.p95 <= r.target ? 'met' : 'MISSED'}`;
    console.log(
      `    ${r.name.padEnd(40)} ${String(r.concurrency).padStart(4)} ${num(r.stats.rate, 7)}  ` +
        `${ms(r.stats.p50)} ${ms(r.stats.p95)} ${ms(r.stats.p99)}   ` +
        `${r.stats.nodeCpuMs!.toFixed(2).padStart(6)}, ${database === 'postgres' ? r.stats.pgCpuMs!.toFixed(2) : 'in-process'}`.padEnd(28) +
        `${r.internalCalls === undefined ? '?' : r.internalCalls.toFixed(1)}`.padStart(18) +
        `  ${verdict}`,
    );
  }
}

/** Prints a verdict per target and says whether all were met. */
export function printTargets(results: DbResult[]): boolean {
  console.log(`\n=== Targets (concurrency 1, ${num(REQUESTS, 0)} open requests, ${DECIDABLE} decidable)`);
  let allMet = true;
  for (const r of results) {
    for (const row of r.rows.filter(x => x.target !== undefined && x.concurrency === 1)) {
      const met = row.stats.p95 <= row.target!;
      allMet &&= met;
      console.log(
        `  ${met ? 'met   ' : 'MISSED'}  ${r.label.padEnd(10)} ${row.name.padEnd(28)} p95 ` +
          `${row.stats.p95.toFixed(1).padStart(6)} ms (target ≤ ${row.target} ms)`,
      );
    }
  }
  return allMet;
}
