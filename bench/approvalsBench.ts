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
 *      approves distinct qa slots, one request per slot, at concurrency 1 and 4 (each answer
 *      must be 200; the decisions and their warm-up must fit in the decidable slots);
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
 *   BENCH_BACKEND_NODE_ENV                NODE_ENV of the backend (production, as
 *                                         bench/run.sh sets it; the demo sign-in depends on
 *                                         config only)
 *   BENCH_KEEP_LOGS=1                     keep the backend's log (its path is printed)
 * The backend logs at its default level (info: one line per request) to a file; the tables
 * count in it the HTTP requests the backend makes to itself per measured request.
 */
import fs from 'fs';
import path from 'path';
import { Knex } from 'knex';
import { parseAllDocuments } from 'yaml';
import { PortalBackend, PortalDatabase, call } from './PortalBackend';
import {
  LoadClient,
  LoadResult,
  Request,
  Stats,
  assertAllSucceeded,
  formatSeconds,
  loadAverage,
  machineLine,
  ms,
  num,
  postgresCpuSeconds,
  processCpuSeconds,
  statsOf,
} from './benchKit';

// ---------------------------------------------------------------------------------------------
// Settings

const ROOT = path.resolve(__dirname, '..');
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map(s => s.trim());
const PG_URL = (process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const PG_PREFIX = 'shipgate_bench_approvals_';
const REQUESTS = Number(process.env.BENCH_APPROVALS_REQUESTS ?? 10_000);
const DECIDABLE = Number(process.env.BENCH_APPROVALS_DECIDABLE ?? 500);
const READS = Number(process.env.BENCH_APPROVALS_READS ?? 200);
const DECISIONS = Number(process.env.BENCH_APPROVALS_DECISIONS ?? 300);
const CONCURRENT_DECISIONS = Number(process.env.BENCH_APPROVALS_CONCURRENT_DECISIONS ?? 100);
const DECISION_CONCURRENCY = 4;
const BACKEND_NODE_ENV = process.env.BENCH_BACKEND_NODE_ENV ?? process.env.NODE_ENV ?? 'production';
const KEEP_LOGS = Boolean(process.env.BENCH_KEEP_LOGS);
const READ_WARMUP = 20;
const DECISION_WARMUP = 10;
const STARTUP_TIMEOUT_MS = 240_000;

/** GET /tasks lists at most this many approvals (TaskService's MAX_TASKS). */
const MAX_TASKS = 500;
const TARGET_DECISION_P95_MS = 20;
const TARGET_TASKS_P95_MS = 50;

const REQUESTER = 'user:default/devon';
const APPROVER = 'quinn';
const ENVIRONMENT = 'staging';

if (DECISION_WARMUP + DECISIONS + CONCURRENT_DECISIONS > DECIDABLE) {
  throw new Error(
    `BENCH_APPROVALS_DECISIONS + BENCH_APPROVALS_CONCURRENT_DECISIONS + ${DECISION_WARMUP} ` +
      `(warm-up) must not exceed BENCH_APPROVALS_DECIDABLE (${DECIDABLE}): every decision ` +
      `needs a slot of its own`,
  );
}
if (DECIDABLE > REQUESTS) throw new Error('BENCH_APPROVALS_DECIDABLE exceeds BENCH_APPROVALS_REQUESTS');

/** The Components of the example catalog, which the requests deploy. */
function exampleProducts(): string[] {
  const text = fs.readFileSync(path.join(ROOT, 'examples/entities.yaml'), 'utf8');
  return parseAllDocuments(text)
    .map(d => d.toJS())
    .filter(e => e?.kind === 'Component')
    .map(e => `component:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`);
}

/** Request ids 1..REQUESTS whose slot requires `qa`: DECIDABLE of them, spread evenly. */
const qaRequestIds = Array.from({ length: DECIDABLE }, (_, k) =>
  Math.floor(((k + 1) * REQUESTS) / DECIDABLE),
);

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
// Seeding

/** Requests per transaction: knex writes a SQLite batch as one compound SELECT of ≤ 500 terms. */
const CHUNK = 200;

/**
 * Writes REQUESTS in-progress requests by devon into the deployments plugin's tables, as
 * POST /requests (submit: true) would leave them, with explicit ids 1..REQUESTS: request i
 * has item i, approval subject i (its slot) and requirement i.
 */
async function seed(knex: Knex, database: PortalDatabase) {
  const [{ count }] = await knex('deployment_requests').count({ count: '*' });
  if (Number(count) > 0) throw new Error(`deployment_requests is not empty (${count} rows)`);
  const products = exampleProducts();
  const qa = new Set(qaRequestIds);
  const base = Date.now() - REQUESTS * 60_000; // one request a minute until now
  for (let from = 1; from <= REQUESTS; from += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, REQUESTS - from + 1) }, (_, k) => from + k);
    const at = (i: number, offsetMs = 0) => new Date(base + i * 60_000 + offsetMs).toISOString();
    const product = (i: number) => products[i % products.length];
    const version = (i: number) => `1.${Math.floor(i / 100)}.${i % 100}`;
    await knex.transaction(async tx => {
      await tx('deployment_requests').insert(
        ids.map(i => ({
          id: i,
          title: `Deploy ${product(i).split('/')[1]} ${version(i)} to ${ENVIRONMENT}`,
          description: '',
          environment: ENVIRONMENT,
          state: 'in_progress',
          created_by: REQUESTER,
          template_id: null,
          cloned_from_id: null,
          created_at: at(i),
          updated_at: at(i, 5_000),
          submitted_at: at(i, 5_000),
          resolved_at: null,
          completed_at: null,
        })),
      );
      await tx('deployment_request_items').insert(
        ids.map(i => ({ id: i, request_id: i, product: product(i), version: version(i), position: 0 })),
      );
      await tx('approval_subjects').insert(
        ids.map(i => ({
          id: i,
          kind: 'request_slot',
          owner_id: i,
          position: 0,
          requested_by: REQUESTER,
          environment: ENVIRONMENT,
          state: 'open',
          active: true,
          created_at: at(i),
        })),
      );
      await tx('approval_requirements').insert(
        ids.map(i => ({
          id: i,
          subject_id: i,
          approval_type: qa.has(i) ? 'qa' : 'security',
          role: null,
          group_ref: null,
          user_ref: null,
          required_count: 1,
          position: 0,
        })),
      );
      await tx('audit_events').insert(
        ids.flatMap(i => [
          {
            subject_type: 'deployment_request',
            subject_id: i,
            actor: REQUESTER,
            action: 'created',
            after: JSON.stringify({ state: 'draft' }),
            created_at: at(i),
          },
          {
            subject_type: 'deployment_request',
            subject_id: i,
            actor: REQUESTER,
            action: 'submitted',
            before: JSON.stringify({ state: 'draft' }),
            after: JSON.stringify({ state: 'in_progress' }),
            created_at: at(i, 5_000),
          },
        ]),
      );
    });
  }
  const tables = [
    'deployment_requests',
    'deployment_request_items',
    'approval_subjects',
    'approval_requirements',
    'approval_decisions',
    'audit_events',
  ];
  if (database === 'postgres') {
    // Rows written with explicit ids: the next generated id must follow them.
    for (const table of tables.slice(0, 4)) {
      await knex.raw(`select setval(pg_get_serial_sequence(?, 'id'), (select max(id) from ??))`, [table, table]);
    }
    // What autovacuum does on its own within a minute of such a load.
    for (const table of tables) await knex.raw('ANALYZE ??', [table]);
  }
  // SQLite: no ANALYZE. Nothing runs it in a live Shipgate, so its planner works without
  // statistics here as it does there.
}

// ---------------------------------------------------------------------------------------------
// Measuring

type Row = {
  name: string;
  concurrency: number;
  stats: Stats;
  target?: number;
  /** HTTP requests the backend made to itself per measured request. */
  internalCalls?: number;
};

const decisionPath = (requestId: number) =>
  // One slot per request, and the slot's id is the request's (see seed).
  `/api/deployments/requests/${requestId}/slots/${requestId}/decision`;

/**
 * Runs one batch and says its latencies, the CPU the backend and PostgreSQL spent on it, and
 * how many HTTP requests the backend made to itself per request (plugin to plugin: user info,
 * permission policy, conditions, notifications, events), counted in its request log.
 */
async function measure(
  name: string,
  batch: () => Promise<LoadResult>,
  portal: PortalBackend,
  database: PortalDatabase,
  concurrency: number,
  target?: number,
): Promise<Row> {
  const pid = portal.pid;
  const log0 = portal.logSize();
  const node0 = processCpuSeconds(pid);
  const pg0 = database === 'postgres' ? postgresCpuSeconds() : 0;
  const result = await batch();
  const nodeS = processCpuSeconds(pid) - node0;
  const pgS = database === 'postgres' ? postgresCpuSeconds() - pg0 : 0;
  assertAllSucceeded(name, [result]);
  const stats = statsOf([result]);
  // The log line of a request is written when it ends: wait for the last ones.
  await new Promise(r => setTimeout(r, 200));
  const served = portal.loggedRequestsSince(log0);
  return {
    name,
    concurrency,
    target,
    stats: { ...stats, nodeCpuMs: (nodeS * 1000) / stats.n, pgCpuMs: (pgS * 1000) / stats.n },
    internalCalls: served === undefined ? undefined : Math.max(0, served - stats.n) / stats.n,
  };
}

type DbResult = { label: string; rows: Row[] };

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

    const tasks = await call(portal.port, '/api/deployments/tasks', headers);
    const expected = Math.min(DECIDABLE, MAX_TASKS);
    if (tasks.status !== 200 || tasks.body.counts.approvals !== expected) {
      throw new Error(
        `GET /tasks: expected ${expected} approvals for ${APPROVER}, got ${tasks.status} ` +
          `${JSON.stringify(tasks.body?.counts ?? tasks.text.slice(0, 300))}`,
      );
    }
    const listed: number[] = tasks.body.tasks.filter((t: any) => t.kind === 'approval').map((t: any) => t.slot.id);
    const qa = new Set(qaRequestIds);
    if (listed.some(id => !qa.has(id))) {
      throw new Error(`GET /tasks lists slots quinn may not decide: ${listed.filter(id => !qa.has(id)).slice(0, 5)}`);
    }
    const approvable = await call(portal.port, '/api/deployments/requests?approvable=true', headers);
    if (approvable.status !== 200 || approvable.body.length === 0) {
      throw new Error(`GET /requests?approvable=true: ${approvable.status} ${approvable.text.slice(0, 300)}`);
    }
    // The policy is real: a security slot is not quinn's to decide.
    const security = qa.has(1) ? 2 : 1;
    const refused = await fetch(`http://127.0.0.1:${portal.port}${decisionPath(security)}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    if (refused.status !== 403) {
      throw new Error(`a decision on security slot ${security} answered ${refused.status}, not 403`);
    }
    console.log(
      `  check: GET /tasks lists ${tasks.body.counts.approvals} approvals, all qa slots ` +
        `(${Math.round(tasks.text.length / 1024)} KiB); GET /requests?approvable=true ` +
        `${approvable.body.length} items; a decision on a security slot answers 403`,
    );

    const get = (p: string, n: number): Request[] =>
      Array.from({ length: n }, () => ({ method: 'GET', path: p }));
    const decide = (ids: number[]): Request[] =>
      ids.map(id => ({ method: 'POST', path: decisionPath(id), body: { decision: 'approve' } }));
    // Every request carries quinn's token.
    const send = (requests: Request[], concurrency: number) =>
      client.run(portal.port, requests, concurrency, headers);
    const runAs = (name: string, requests: Request[], concurrency: number, target?: number) =>
      measure(name, () => send(requests, concurrency), portal, database, concurrency, target);

    const t2 = Date.now();
    const rows: Row[] = [];
    const paths = {
      me: '/api/deployments/me',
      tasks: '/api/deployments/tasks',
      approvable: '/api/deployments/requests?approvable=true',
    };
    for (const p of Object.values(paths)) {
      assertAllSucceeded(`warm-up ${p}`, [await send(get(p, READ_WARMUP), 1)]);
    }
    rows.push(await runAs('(info) GET /me', get(paths.me, READS), 1));
    rows.push(await runAs(`GET /tasks (${expected} approvals)`, get(paths.tasks, READS), 1, TARGET_TASKS_P95_MS));
    rows.push(await runAs('(info) GET /requests?approvable=true', get(paths.approvable, READS), 1));

    const slots = [...qaRequestIds];
    const take = (n: number) => slots.splice(0, n);
    assertAllSucceeded('warm-up decisions', [await send(decide(take(DECISION_WARMUP)), 1)]);
    rows.push(await runAs('POST …/decision (approve)', decide(take(DECISIONS)), 1, TARGET_DECISION_P95_MS));
    if (CONCURRENT_DECISIONS > 0) {
      rows.push(
        await runAs('POST …/decision (approve)', decide(take(CONCURRENT_DECISIONS)), DECISION_CONCURRENCY),
      );
    }

    // Every decision counted: its request approved, the rest still listed.
    const decided = DECISION_WARMUP + DECISIONS + CONCURRENT_DECISIONS;
    const [{ approved }] = await portal.deploymentsDb('deployment_requests')
      .where({ state: 'approved' })
      .count({ approved: '*' });
    const after = await call(portal.port, '/api/deployments/tasks', headers);
    if (Number(approved) !== decided || after.body?.counts?.approvals !== Math.min(DECIDABLE - decided, MAX_TASKS)) {
      throw new Error(
        `after ${decided} decisions: ${approved} requests approved, GET /tasks lists ` +
          `${after.body?.counts?.approvals} approvals (expected ${decided} and ${DECIDABLE - decided})`,
      );
    }
    console.log(
      `  measured (${formatSeconds(t2)}): ${READS} requests per read after ${READ_WARMUP} warm-up; ` +
        `${DECISION_WARMUP} warm-up decisions, then ${DECISIONS} at concurrency 1 and ` +
        `${CONCURRENT_DECISIONS} at ${DECISION_CONCURRENCY}, each on its own slot; ` +
        `${approved} requests now approved`,
    );
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
