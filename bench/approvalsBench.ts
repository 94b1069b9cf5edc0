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
 * child process, as scripts/start-production.sh runs it: from packages/backend, through the
 * Backstage CLI's node transform, with app-config.yaml plus a generated config that moves it
 * to a free port on 127.0.0.1, onto a fresh database and turns the demo history off. It
 * keeps `auth.environment: development` and `shipgate.demoSignIn.enabled` from
 * app-config.yaml, so that the demo sign-in issues real user tokens; the catalog ingests
 * examples/org.yaml, and the Shipgate permission policy maps quinn (qa-team) to the `qa` and
 * `performance` approval types. Then it:
 *
 *   1. signs in as quinn (GET /api/auth/demo/refresh) once the catalog knows her groups;
 *   2. writes BENCH_APPROVALS_REQUESTS requests in progress by devon straight into the
 *      deployments plugin's tables (one item, environment staging, one approval slot with one
 *      requirement and its audit trail); BENCH_APPROVALS_DECIDABLE of the slots, spread
 *      evenly, require `qa` (quinn may decide them), the others `security` (she may not);
 *   3. checks that GET /tasks lists exactly those slots for quinn, then measures, with her
 *      token, from a child process (bench/loadClient.js) over loopback: GET /me (the cost of
 *      the request path itself: token, user info, permission policy), GET /tasks and
 *      GET /requests?approvable=true at concurrency 1, then approves distinct qa slots, one
 *      request per slot, at concurrency 1 and 4 (each answer must be 200);
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
 *   BENCH_KEEP_LOGS=1                     keep the backend's log (it is printed at the end)
 * The backend logs at its default level (info: one line per request) to a file; the tables
 * count in it the HTTP requests the backend makes to itself per measured request.
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import { parseAllDocuments } from 'yaml';
import {
  LoadClient,
  LoadResult,
  Request,
  Stats,
  assertAllSucceeded,
  formatSeconds,
  freePort,
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

const CI_TOKEN = 'shipgate-dev-ci-token'; // app-config.yaml, backend.auth.externalAccess
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
// Cleanup that also runs on Ctrl-C

const cleanups: Array<() => Promise<void>> = [];

async function runCleanups() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.error(`cleanup: ${error}`);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the backend and removing what the benchmark made`);
    runCleanups().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// The portal backend, as a child process

type Database = 'sqlite' | 'postgres';

type Portal = {
  port: number;
  process: ChildProcess;
  logFile: string;
  /** A Knex on the deployments plugin's own database, for seeding. */
  deploymentsDb: Knex;
  stop: () => Promise<void>;
};

async function pgAdmin<T>(work: (admin: Knex) => Promise<T>): Promise<T> {
  const admin = knexFactory({ client: 'pg', connection: `${PG_URL}/postgres`, pool: { min: 0, max: 1 } });
  try {
    return await work(admin);
  } finally {
    await admin.destroy();
  }
}

/** Drops every database the backend made for its plugins (shipgate_bench_approvals_*). */
async function dropBenchDatabases(): Promise<string[]> {
  return pgAdmin(async admin => {
    const { rows } = await admin.raw(
      `select datname from pg_database where datname like ?`,
      [`${PG_PREFIX.replace(/_/g, '\\_')}%`],
    );
    const names: string[] = rows.map((r: { datname: string }) => r.datname);
    for (const name of names) await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
    return names;
  });
}

function tail(file: string, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function startPortal(database: Database): Promise<Portal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipgate-bench-approvals-'));
  cleanups.push(async () => {
    if (KEEP_LOGS) {
      fs.rmSync(path.join(dir, 'db'), { recursive: true, force: true });
      console.log(`  backend log kept: ${path.join(dir, 'backend.log')}`);
    } else {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  if (database === 'postgres') {
    await dropBenchDatabases();
    cleanups.push(async () => {
      await dropBenchDatabases();
    });
  }
  const port = await freePort();
  const config = {
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      database:
        database === 'sqlite'
          ? { client: 'better-sqlite3', connection: { directory: path.join(dir, 'db') } }
          : // One database per plugin (Backstage's default division), under our own prefix;
            // a connection string replaces app-config.yaml's SQLite connection object whole.
            { client: 'pg', connection: PG_URL, prefix: PG_PREFIX },
    },
    deployments: { demoData: false },
  };
  // JSON is YAML: the backend reads this file as one more --config.
  const configFile = path.join(dir, 'app-config.bench.yaml');
  fs.writeFileSync(configFile, JSON.stringify(config, null, 2));
  const logFile = path.join(dir, 'backend.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '-r',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/index.ts',
      '--config',
      path.join(ROOT, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    {
      // The catalog locations in app-config.yaml are relative to packages/backend.
      cwd: path.join(ROOT, 'packages/backend'),
      env: { ...process.env, NODE_ENV: BACKEND_NODE_ENV },
      stdio: ['ignore', log, log],
    },
  );
  fs.closeSync(log);
  let exited: string | undefined;
  const exit = new Promise<void>(resolve =>
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exit;
    clearTimeout(timeout);
  };
  cleanups.push(stop);

  // Up when the deployments plugin answers the CI token (migrations have run by then).
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (exited) throw new Error(`the backend ${exited} while starting; its log ends:\n${tail(logFile)}`);
    const res = await fetch(`http://127.0.0.1:${port}/api/deployments/matrix`, {
      headers: { Authorization: `Bearer ${CI_TOKEN}` },
    }).catch(() => undefined);
    if (res?.ok) break;
    if (Date.now() > deadline) {
      throw new Error(`the backend did not answer within ${STARTUP_TIMEOUT_MS / 1000} s; its log ends:\n${tail(logFile)}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }

  const deploymentsDb =
    database === 'sqlite'
      ? knexFactory({
          client: 'better-sqlite3',
          connection: { filename: path.join(dir, 'db', 'deployments.sqlite') },
          useNullAsDefault: true,
        })
      : knexFactory({ client: 'pg', connection: `${PG_URL}/${PG_PREFIX}deployments`, pool: { min: 0, max: 2 } });
  // Cleanups run last-in first-out: this one after the backend stops, before the drop.
  cleanups.splice(cleanups.indexOf(stop), 0, () => deploymentsDb.destroy());
  return { port, process: child, logFile, deploymentsDb, stop };
}

// ---------------------------------------------------------------------------------------------
// Signing in

async function call(port: number, p: string, headers: Record<string, string>) {
  const res = await fetch(`http://127.0.0.1:${port}${p}`, { headers });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}

/**
 * A real user token from the demo sign-in, once the catalog has ingested the user and the
 * policy sees her role (her groups come from the catalog when the token is issued).
 */
async function signIn(port: number, user: string): Promise<{ token: string; me: any }> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = '';
  for (;;) {
    const refresh = await call(port, '/api/auth/demo/refresh', {
      'x-shipgate-demo-user': user,
      'X-Requested-With': 'XMLHttpRequest',
    }).catch(error => ({ status: 0, body: undefined, text: String(error) }));
    const token: string | undefined = refresh.body?.backstageIdentity?.token;
    if (token) {
      const me = await call(port, '/api/deployments/me', { Authorization: `Bearer ${token}` });
      if (me.status === 200 && me.body.roles.length > 0) return { token, me: me.body };
      last = `GET /me: ${me.status} ${me.text}`;
    } else {
      last = `GET /auth/demo/refresh: ${refresh.status} ${refresh.text.slice(0, 300)}`;
    }
    if (Date.now() > deadline) throw new Error(`could not sign in as ${user}: ${last}`);
    await new Promise(r => setTimeout(r, 1000));
  }
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
async function seed(knex: Knex, database: Database) {
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
  portal: Portal,
  database: Database,
  concurrency: number,
  target?: number,
): Promise<Row> {
  const pid = portal.process.pid!;
  const log0 = fs.statSync(portal.logFile).size;
  const node0 = processCpuSeconds(pid);
  const pg0 = database === 'postgres' ? postgresCpuSeconds() : 0;
  const result = await batch();
  const nodeS = processCpuSeconds(pid) - node0;
  const pgS = database === 'postgres' ? postgresCpuSeconds() - pg0 : 0;
  assertAllSucceeded(name, [result]);
  const stats = statsOf([result]);
  // The log line of a request is written when it ends: wait for the last ones.
  await new Promise(r => setTimeout(r, 200));
  const served = countLoggedRequests(portal.logFile, log0);
  return {
    name,
    concurrency,
    target,
    stats: { ...stats, nodeCpuMs: (nodeS * 1000) / stats.n, pgCpuMs: (pgS * 1000) / stats.n },
    internalCalls: served === undefined ? undefined : Math.max(0, served - stats.n) / stats.n,
  };
}

/** Requests the backend logged (rootHttpRouter, level info) after byte `from` of its log. */
function countLoggedRequests(file: string, from: number): number | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buffer = Buffer.alloc(size - from);
    fs.readSync(fd, buffer, 0, buffer.length, from);
    const count = buffer.toString('utf8').split('"type":"incomingRequest"').length - 1;
    return count > 0 ? count : undefined; // none: the log level hides them
  } finally {
    fs.closeSync(fd);
  }
}

type DbResult = { label: string; rows: Row[] };

async function benchDatabase(database: Database, client: LoadClient): Promise<DbResult> {
  const label = database === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const t0 = Date.now();
  console.log(`\n=== ${label}`);
  const portal = await startPortal(database);
  try {
    console.log(`  backend up on 127.0.0.1:${portal.port}, pid ${portal.process.pid} (${formatSeconds(t0)})`);
    const { token, me } = await signIn(portal.port, APPROVER);
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
    const approvable = await call(portal.port, '/api/deployments/requests?approvable=true', headers);
    console.log(
      `  check: GET /tasks lists ${tasks.body.counts.approvals} approvals ` +
        `(${Math.round(tasks.text.length / 1024)} KiB); GET /requests?approvable=true ` +
        `${approvable.status}, ${approvable.body?.length} items`,
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
    await runCleanups();
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
    // Knex puts the whole statement in its messages: a bulk insert would fill the screen.
    const text = String(error?.stack ?? error);
    console.error(text.length > 3000 ? `${text.slice(0, 1500)} … ${text.slice(-1500)}` : text);
    await runCleanups();
    process.exit(1);
  },
);
