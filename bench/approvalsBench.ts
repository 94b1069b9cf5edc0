/*
 * Shipgate approvals benchmark: prints figures, asserts nothing but that every request
 * succeeded (it is not a timed test).
 *
 * The requirement it measures: with 10,000 open deployment requests in the database and a
 * user who may decide 500 of them, a decision (POST /requests/:id/slots/:slotId/decision)
 * has p95 ≤ 20 ms and GET /tasks p95 ≤ 50 ms, on SQLite and PostgreSQL, through the real
 * HTTP stack with real tokens and the real permission policy.
 *
 * For each database it starts the real portal backend (packages/backend/src/index.ts) as a
 * child process on a free port on 127.0.0.1 and a fresh database (bench/PortalBackend.ts),
 * with the demo sign-in of app-config.yaml, which issues real user tokens; the catalog
 * ingests examples/org.yaml, and the Shipgate permission policy maps quinn (qa-team) to the
 * `qa` and `performance` approval types. Then it:
 *
 *   1. signs in as quinn (GET /api/auth/demo/refresh) once the catalog knows her groups;
 *   2. writes BENCH_APPROVALS_REQUESTS requests in progress by devon straight into the
 *      deployments plugin's tables (one item, environment staging, one approval slot with one
 *      requirement and its audit trail); BENCH_APPROVALS_DECIDABLE of the slots, spread
 *      evenly, require `qa` (quinn may decide them), the others `security` (she may not);
 *   3. checks that GET /tasks lists exactly those slots for quinn and that the policy refuses
 *      her a security slot (403), then measures, with her token, from a child process
 *      (bench/loadClient.js) over loopback: GET /me (the cost of the request path itself:
 *      token, permission policy), GET /tasks and GET /requests?approvable=true at
 *      concurrency 1 after 20 warm-up requests each, then, after 10 warm-up decisions,
 *      approves distinct qa slots, one request per slot: at a steady rate (one every
 *      BENCH_APPROVALS_DECISION_INTERVAL_MS, so that each decision's own latency shows apart
 *      from the notifications of the one before), then back to back at concurrency 1 and 4
 *      (each answer must be 200; the decisions and their warm-up must fit in the decidable
 *      slots);
 *   4. stops the backend (SIGTERM), deletes its temporary folder and drops its databases.
 *
 * Run with `npm run bench` (bench/run.sh; `BENCH_PARTS=approvals npm run bench` for this part
 * alone). Knobs:
 *   BENCH_DATABASES                       sqlite,postgres (default both)
 *   BENCH_PG_URL                          postgresql://postgres@127.0.0.1:5432; the backend
 *                                         creates one database per plugin there, named
 *                                         shipgate_bench_approvals_<plugin>; all are dropped
 *                                         at the start and at the end
 *   BENCH_APPROVALS_REQUESTS              open requests (10000)
 *   BENCH_APPROVALS_DECIDABLE             of which quinn may decide (500)
 *   BENCH_APPROVALS_READS                 GET /tasks and GET /requests?approvable=true
 *                                         requests measured, each (200)
 *   BENCH_APPROVALS_DECISIONS             decisions at concurrency 1 (300)
 *   BENCH_APPROVALS_CONCURRENT_DECISIONS  decisions at concurrency 4 (100)
 *   BENCH_APPROVALS_PACED_DECISIONS       decisions at a steady rate (80)
 *   BENCH_APPROVALS_DECISION_INTERVAL_MS  the time between their starts (100)
 *   BENCH_BACKEND_NODE_ENV                NODE_ENV of the backend (production, as
 *                                         bench/run.sh sets it; the demo sign-in depends on
 *                                         config only)
 *   BENCH_KEEP_LOGS=1                     keep the backend's log (its path is printed)
 * The backend logs at its default level (info: one line per request) to a file; the tables
 * count in it the HTTP requests the backend makes to itself per measured request.
 *
 * This file runs the steps in order and prints as it goes; beside it: approvalsSettings.ts
 * (the knobs), approvalsSeed.ts, approvalsChecks.ts, approvalsMeasure.ts, approvalsReport.ts,
 * and PortalBackend.ts (the backend child process).
 */
import { PortalBackend, PortalDatabase } from './PortalBackend';
import { LoadClient, formatSeconds, loadAverage, machineLine, num } from './benchKit';
import { seed } from './approvalsSeed';
import { checkApproverView, checkEveryDecisionCounted } from './approvalsChecks';
import { measureApprovals } from './approvalsMeasure';
import { DbResult, printRows, printTargets } from './approvalsReport';
import {
  APPROVER,
  BACKEND_NODE_ENV,
  DATABASES,
  DECIDABLE,
  KEEP_LOGS,
  PG_PREFIX,
  PG_URL,
  REQUESTS,
  STARTUP_TIMEOUT_MS,
} from './approvalsSettings';

// ---------------------------------------------------------------------------------------------
// Ctrl-C stops the backend too, and removes what the benchmark made

let running: PortalBackend | undefined;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the backend and removing what the benchmark made`);
    (running?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// One database

async function benchDatabase(database: PortalDatabase, client: LoadClient): Promise<DbResult> {
  const label = database === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const t0 = Date.now();
  console.log(`\n=== ${label}`);
  const portal = await PortalBackend.start({
    database,
    pgUrl: PG_URL,
    pgPrefix: PG_PREFIX,
    nodeEnv: BACKEND_NODE_ENV,
    keepLog: KEEP_LOGS,
    startupTimeoutMs: STARTUP_TIMEOUT_MS,
  });
  running = portal;
  try {
    console.log(`  backend up on 127.0.0.1:${portal.port}, pid ${portal.pid} (${formatSeconds(t0)})`);
    const { token, me } = await portal.signIn(APPROVER);
    const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    console.log(
      `  signed in as ${me.userEntityRef}: roles ${me.roles.join(', ')}; approval types ` +
        `${me.approvalTypes.join(', ')} (${formatSeconds(t0)})`,
    );
    const version =
      database === 'sqlite'
        ? `SQLite ${(await portal.deploymentsDb.raw('select sqlite_version() as v'))[0].v}`
        : `PostgreSQL ${(await portal.deploymentsDb.raw('show server_version')).rows[0].server_version}`;

    const t1 = Date.now();
    await seed(portal.deploymentsDb, database);
    console.log(
      `  seeded ${num(REQUESTS, 0)} requests in progress by devon (${version}): ` +
        `${DECIDABLE} qa slots, ${num(REQUESTS - DECIDABLE, 0)} security slots (${formatSeconds(t1)})`,
    );

    console.log(`  check: ${await checkApproverView(portal, headers)}`);

    const t2 = Date.now();
    const rows = await measureApprovals(portal, database, client, headers);
    const approved = await checkEveryDecisionCounted(portal, headers);
    printRows(database, rows, approved, t2);
    console.log(`  ${label} done in ${formatSeconds(t0)}; load average ${loadAverage()}`);
    return { label, rows };
  } finally {
    await portal.stop();
    running = undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  const started = Date.now();
  console.log('Shipgate approvals benchmark: the real portal backend, real tokens, real permission policy');
  console.log(`  ${machineLine()}`);
  console.log(`  load average at start: ${loadAverage()} (other processes share these CPUs)`);
  console.log(
    `  ${num(REQUESTS, 0)} open requests, ${DECIDABLE} decidable by ${APPROVER}; databases: ` +
      `${DATABASES.join(', ')}; backend NODE_ENV=${BACKEND_NODE_ENV}; load from a child process ` +
      'over 127.0.0.1, keep-alive, no compression',
  );

  const client = new LoadClient({ Accept: 'application/json' });
  const results: DbResult[] = [];
  try {
    for (const name of DATABASES) {
      if (name !== 'sqlite' && name !== 'postgres') throw new Error(`unknown database ${name}`);
      results.push(await benchDatabase(name, client));
    }
  } finally {
    client.close();
  }

  const allMet = printTargets(results);
  console.log(`  load average at end: ${loadAverage()}`);
  console.log(`\n${allMet ? 'ALL TARGETS MET' : 'SOME TARGETS MISSED'} — total ${formatSeconds(started)}`);
}

main().then(
  () => process.exit(0),
  async error => {
    await running?.stop().catch(() => {});
    // Knex puts the whole statement in its messages: a bulk insert would fill the screen.
    const text = String(error?.stack ?? error);
    console.error(text.length > 3000 ? `${text.slice(0, 1500)} … ${text.slice(-1500)}` : text);
    process.exit(1);
  },
);
