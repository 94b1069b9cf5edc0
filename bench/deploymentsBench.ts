/*
 * Shipgate deployments benchmark: prints figures, asserts nothing (it is not a timed test).
 *
 * For each database (SQLite file, PostgreSQL) it starts the real deployments backend plugin in
 * this process and, beside it, a bare Express + Knex app with one insert endpoint on the same
 * database. A child process (bench/loadClient.js) sends the load over loopback.
 *
 *   1. Ingestion: POST /deployments to Shipgate and to the bare baseline, same bodies, same
 *      client, same concurrency, same number of requests, in alternating rounds; rate, p50,
 *      p99, the ratio, the SQL statements one request runs and the CPU per request (backend
 *      process, PostgreSQL server). Shipgate's GET /deployments/:id is measured alongside as
 *      the cost of the Backstage request path itself (auth, permission, one statement).
 *   2. Reads: bulk-load BENCH_ROWS deployments (default 1,000,000) over 500 products × 6
 *      environments straight into the tables, then GET /matrix and filtered GET /deployments
 *      at concurrency 1 (the targets) and 8.
 *
 * Run with `npm run bench` (bench/run.sh). Knobs: BENCH_ROWS, BENCH_DATABASES (sqlite,postgres),
 * BENCH_POST_REQUESTS, BENCH_POST_ROUNDS, BENCH_POST_CONCURRENCY, BENCH_READ_REQUESTS,
 * BENCH_PG_URL, BENCH_VERBOSE (print the statements of one request), BENCH_PARTS
 * (ingestion,reads).
 *
 * This file runs the parts in order and prints as it goes; beside it: deploymentsSettings.ts
 * (the knobs), benchDatabases.ts, shipgateServers.ts, ingestion.ts, deploymentsBulkLoad.ts,
 * reads.ts and deploymentsReport.ts.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import { LoadClient, formatSeconds, loadAverage, machineLine, num } from './benchKit';
import { Bench, openPostgres, openSqlite } from './benchDatabases';
import { startBaseline, startShipgate } from './shipgateServers';
import { Ingestion, measureIngestion } from './ingestion';
import { bulkLoad } from './deploymentsBulkLoad';
import { ReadRow, measureReads, sanityCheck } from './reads';
import { DbResult, printIngestion, printReads, printTargets } from './deploymentsReport';
import { DATABASES, ENV_NAMES, PARTS, PRODUCTS, ROWS } from './deploymentsSettings';

async function benchDatabase(bench: Bench, client: LoadClient): Promise<DbResult> {
  const t0 = Date.now();
  console.log(`\n=== ${bench.label}: ${bench.version}`);
  const shipgate = await startShipgate(bench.knex);
  const baseline = await startBaseline(bench.knex);
  try {
    console.log(
      `  backend up, ${PRODUCTS} products mirrored, ${ENV_NAMES.length} environments (${formatSeconds(t0)})`,
    );

    let ingestion: Ingestion | undefined;
    if (PARTS.includes('ingestion')) {
      const t1 = Date.now();
      ingestion = await measureIngestion(client, bench.knex, shipgate.port, baseline.port);
      printIngestion(bench, ingestion, t1);
    }

    let reads: ReadRow[] = [];
    if (PARTS.includes('reads')) {
      const t2 = Date.now();
      await bulkLoad(bench, ROWS);
      const [{ count }] = await bench.knex('deployments').count({ count: '*' });
      const [{ cells }] = await bench.knex('deployment_cells').count({ cells: '*' });
      console.log(
        `  bulk load: ${num(Number(count), 0)} deployments, ${cells} cells (${formatSeconds(t2)})`,
      );
      console.log(`  check: ${await sanityCheck(shipgate.port)}`);

      const t3 = Date.now();
      reads = await measureReads(client, shipgate.port);
      printReads(bench, reads, t3);
    }
    console.log(`  ${bench.label} done in ${formatSeconds(t0)}`);
    return { label: bench.label, ingestion, reads };
  } finally {
    await baseline.stop();
    await shipgate.stop();
  }
}

async function main() {
  const started = Date.now();
  console.log('Shipgate deployments benchmark');
  console.log(`  ${machineLine()}`);
  console.log(`  load average at start: ${loadAverage()} (other processes share these CPUs)`);
  console.log(
    `  rows ${num(ROWS, 0)} over ${PRODUCTS} products × ${ENV_NAMES.length} environments ` +
      `(${ENV_NAMES.join(', ')}); databases: ${DATABASES.join(', ')}`,
  );
  console.log(
    '  one backend process (plugin + bare baseline); load from a child process over 127.0.0.1, ' +
      'keep-alive, no compression',
  );

  const client = new LoadClient({
    Authorization: mockCredentials.service.header(),
    Accept: 'application/json',
  });
  const results: DbResult[] = [];
  try {
    for (const name of DATABASES) {
      const bench = name === 'postgres' ? await openPostgres() : await openSqlite();
      try {
        results.push(await benchDatabase(bench, client));
      } finally {
        await bench.cleanup();
      }
    }
  } finally {
    client.close();
  }

  const allPass = printTargets(results);
  console.log(`  load average at end: ${loadAverage()}`);
  console.log(`\n${allPass ? 'ALL TARGETS MET' : 'SOME TARGETS MISSED'} — total ${formatSeconds(started)}`);
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
