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
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { createSpecializedBackend } from '@backstage/backend-app-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceMock,
  actionsServiceMock,
  metricsServiceMock,
  tracingServiceMock,
} from '@backstage/backend-test-utils/alpha';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { discoveryServiceFactory } from '@backstage/backend-defaults/discovery';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import deploymentsPlugin from '@shipgate/plugin-deployments-backend';
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
  statsOf,
} from './benchKit';

// ---------------------------------------------------------------------------------------------
// Settings

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map(s => s.trim());
const POST_REQUESTS = Number(process.env.BENCH_POST_REQUESTS ?? 600); // per round, per target
// Rounds alternate baseline and Shipgate so that drift in the machine's load hits both alike.
const POST_ROUNDS = Number(process.env.BENCH_POST_ROUNDS ?? 5);
const POST_CONCURRENCY = Number(process.env.BENCH_POST_CONCURRENCY ?? 16);
const READ_REQUESTS = Number(process.env.BENCH_READ_REQUESTS ?? 200);
const READ_WARMUP = 20;
const READ_CONCURRENCIES = [1, 8];
const PG_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432';
const PG_DATABASE = 'shipgate_bench';
const PARTS = (process.env.BENCH_PARTS ?? 'ingestion,reads').split(',').map(s => s.trim());

const PRODUCTS = 500;
const ENVIRONMENTS = [
  { name: 'dev', tier: 'development' },
  { name: 'test', tier: 'testing' },
  { name: 'qa', tier: 'testing' },
  { name: 'staging', tier: 'staging' },
  { name: 'preprod', tier: 'staging' },
  { name: 'production', tier: 'production' },
];
const ENV_NAMES = ENVIRONMENTS.map(e => e.name);

const TARGET_INGEST_RATIO = 0.5;
const TARGET_READ_P95_MS = 50;

const productName = (i: number) => `p-${String(i).padStart(3, '0')}`;

// A small deterministic PRNG (mulberry32) so that runs ask the same questions.
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: T[]) => items[Math.floor(rand() * items.length)];

// ---------------------------------------------------------------------------------------------
// CPU of this process

/** Runs `fn` and says how much CPU this process and PostgreSQL used meanwhile. */
async function withCpu<T>(fn: () => Promise<T>): Promise<{ value: T; nodeS: number; pgS: number }> {
  const node0 = process.cpuUsage();
  const pg0 = postgresCpuSeconds();
  const value = await fn();
  const node = process.cpuUsage(node0);
  return { value, nodeS: (node.user + node.system) / 1e6, pgS: postgresCpuSeconds() - pg0 };
}

// ---------------------------------------------------------------------------------------------
// Databases

type Bench = {
  label: string;
  client: 'better-sqlite3' | 'pg';
  knex: Knex;
  version: string;
  cleanup: () => Promise<void>;
};

async function openSqlite(): Promise<Bench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipgate-bench-'));
  const filename = path.join(dir, 'deployments.sqlite');
  // As the backend's SQLite connector builds it: a file, null as default, one connection.
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  const [{ v }] = await knex.raw('select sqlite_version() as v');
  return {
    label: 'SQLite',
    client: 'better-sqlite3',
    knex,
    version: `SQLite ${v} (better-sqlite3, file in ${os.tmpdir()}, default pragmas)`,
    cleanup: async () => {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<Bench> {
  const admin = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/postgres`,
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
  await admin.raw(`CREATE DATABASE ${PG_DATABASE}`);
  // Pool as the backend's PostgreSQL connector leaves it: knex's default (2..10).
  const knex = knexFactory({ client: 'pg', connection: `${PG_URL}/${PG_DATABASE}` });
  const { rows } = await knex.raw('show server_version');
  return {
    label: 'PostgreSQL',
    client: 'pg',
    knex,
    version: `PostgreSQL ${rows[0].server_version} (database ${PG_DATABASE}, dropped at the end)`,
    cleanup: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
      await admin.destroy();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The two servers

function component(i: number): Entity {
  const system = `system-${String(1 + (i % 25)).padStart(2, '0')}`;
  const owner = `team-${String(1 + (i % 40)).padStart(2, '0')}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: productName(i), namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner, system },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      { type: 'partOf', targetRef: `system:default/${system}` },
    ],
  };
}

/**
 * The real plugin on a backend built like `startTestBackend` builds one (the same mock and
 * default service factories), except that the root HTTP router is the production one
 * (helmet, CORS, compression, request logging, error middleware) listening on 127.0.0.1 —
 * `startTestBackend` listens on every interface.
 */
async function startShipgate(knex: Knex) {
  const port = await freePort();
  const backend = createSpecializedBackend({
    defaultServiceFactories: [
      rootHttpRouterServiceFactory(),
      discoveryServiceFactory,
      mockServices.auth.factory(),
      mockServices.auditor.factory(),
      mockServices.cache.factory(),
      mockServices.httpAuth.factory(),
      mockServices.httpRouter.factory(),
      mockServices.lifecycle.factory(),
      mockServices.logger.factory(),
      mockServices.permissionsRegistry.factory(),
      mockServices.rootHealth.factory(),
      mockServices.rootLifecycle.factory(),
      mockServices.rootLogger.factory(),
      mockServices.userInfo.factory(),
      mockServices.urlReader.factory(),
      mockServices.events.factory(),
      actionsRegistryServiceMock.factory(),
      actionsServiceMock.factory(),
      metricsServiceMock.factory(),
      tracingServiceMock.factory(),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { host: '127.0.0.1', port },
          },
          deployments: {
            environments: ENVIRONMENTS.map((e, i) => ({ ...e, order: i + 1 })),
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      catalogServiceMock.factory({
        entities: Array.from({ length: PRODUCTS }, (_, i) => component(i + 1)),
      }),
      // Signals and notifications leave the process in a real backend; here they stop at the
      // door, as in the plugin's tests.
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {} }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  backend.add(deploymentsPlugin);
  await backend.start();
  // The product mirror is filled by the plugin's scheduled refresh; wait for it.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [{ count }] = await knex('products').count({ count: '*' });
    if (Number(count) >= PRODUCTS) break;
    if (Date.now() > deadline) throw new Error(`products mirror has ${count} of ${PRODUCTS}`);
    await new Promise(r => setTimeout(r, 100));
  }
  return { port, stop: () => backend.stop() };
}

/** The bare baseline: Express + Knex, one insert endpoint, same columns, primary key only. */
async function startBaseline(knex: Knex) {
  await knex.schema.dropTableIfExists('deployments_baseline');
  await knex.schema.createTable('deployments_baseline', table => {
    table.bigIncrements('id').primary();
    table.string('product', 255).notNullable();
    table.string('version', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.string('status', 20).notNullable();
    table.string('ref', 255).nullable();
    table.string('sha', 64).nullable();
    table.string('tag', 255).nullable();
    table.string('deployed_by', 255).nullable();
    table.text('build_url').nullable();
    table.text('extra_metadata').nullable();
    table.bigInteger('deployment_request_id').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
  });
  const app = express();
  app.use(express.json());
  app.post('/deployments', async (req, res) => {
    try {
      const b = req.body;
      const now = new Date().toISOString();
      const [row] = await knex('deployments_baseline').insert(
        {
          product: `component:default/${b.product_name}`,
          version: b.version,
          environment: b.environment_name,
          status: b.status,
          ref: b.scm_branch ?? null,
          sha: b.scm_sha ?? null,
          deployed_by: b.deployed_by ?? null,
          build_url: b.build_url ?? null,
          created_at: now,
          updated_at: now,
          started_at: now,
          finished_at: now,
        },
        '*',
      );
      res.status(201).json(row);
    } catch (error) {
      res.status(500).json({ error: String(error) });
    }
  });
  const port = await freePort();
  const server = await new Promise<import('http').Server>(resolve => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  return {
    port,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Ingestion

function postBody(product: string, environment: string, version: string, n: number) {
  return {
    product_name: product,
    version,
    environment_name: environment,
    status: 'success',
    deployed_by: 'ci-bot',
    scm_branch: 'main',
    scm_sha: (n * 2654435761).toString(16).padStart(12, '0').slice(-12),
    build_url: `https://ci.example.com/builds/${version}`,
  };
}

/** Events for random cells, each a new version of its product (a new deployment). */
function postRequests(count: number, round: string, rand: () => number): Request[] {
  return Array.from({ length: count }, (_, i) => ({
    method: 'POST' as const,
    path: '',
    body: postBody(
      productName(1 + Math.floor(rand() * PRODUCTS)),
      pick(rand, ENV_NAMES),
      `2.${round}.${i}`,
      i,
    ),
  }));
}

/** One event for every product × environment, so that the measured rounds find every cell. */
function everyCellRequests(): Request[] {
  const out: Request[] = [];
  for (let p = 1; p <= PRODUCTS; p++) {
    for (const environment of ENV_NAMES) {
      out.push({
        method: 'POST',
        path: '',
        body: postBody(productName(p), environment, '2.0.0', out.length),
      });
    }
  }
  return out;
}

type Ingestion = {
  baseline: Stats;
  shipgate: Stats;
  /** Shipgate's GET /deployments/:id: the Backstage request path with one statement. */
  floor: Stats;
  statements: Record<'bare' | 'Shipgate' | 'floor', string[]>;
};

async function measureIngestion(
  client: LoadClient,
  knex: Knex,
  shipgatePort: number,
  baselinePort: number,
): Promise<Ingestion> {
  const rand = prng(42);
  const shipgatePath = '/api/deployments/deployments';
  const baselinePath = '/deployments';
  const at = (p: string, requests: Request[]) => requests.map(r => ({ ...r, path: p }));
  const gets = (count: number): Request[] =>
    Array.from({ length: count }, () => ({
      method: 'GET',
      path: `${shipgatePath}/${1 + Math.floor(rand() * PRODUCTS * ENV_NAMES.length)}`,
    }));

  // Warm-up: JIT, connection pools, keep-alive sockets, database caches — and one event per
  // product × environment, so that the rounds measure the steady state of a live system,
  // where every cell already exists (its first event creates it: two more statements).
  for (const [port, p] of [
    [baselinePort, baselinePath],
    [shipgatePort, shipgatePath],
  ] as const) {
    const r = await client.run(port, at(p, everyCellRequests()), POST_CONCURRENCY);
    assertAllSucceeded(`warm-up ${p}`, [r]);
  }

  const targets = {
    bare: { port: baselinePort, make: (b: Request[]) => at(baselinePath, b) },
    Shipgate: { port: shipgatePort, make: (b: Request[]) => at(shipgatePath, b) },
    floor: { port: shipgatePort, make: (b: Request[]) => gets(b.length) },
  };
  type Name = keyof typeof targets;
  const names = Object.keys(targets) as Name[];

  // What one request costs in statements (each a round trip to the database).
  const statements = {} as Record<Name, string[]>;
  for (const name of names) {
    const seen: string[] = [];
    const onQuery = (q: { sql: string }) => seen.push(q.sql);
    knex.on('query', onQuery);
    const r = await client.run(targets[name].port, targets[name].make(postRequests(1, 'probe', rand)), 1);
    knex.off('query', onQuery);
    assertAllSucceeded(`probe ${name}`, [r]);
    statements[name] = seen;
  }

  const results = { bare: [], Shipgate: [], floor: [] } as Record<Name, LoadResult[]>;
  const cpu = Object.fromEntries(names.map(n => [n, { node: 0, pg: 0 }])) as Record<
    Name,
    { node: number; pg: number }
  >;
  for (let round = 1; round <= POST_ROUNDS; round++) {
    const bodies = postRequests(POST_REQUESTS, String(round), rand);
    for (const name of names) {
      const { port, make } = targets[name];
      const measured = await withCpu(() => client.run(port, make(bodies), POST_CONCURRENCY));
      results[name].push(measured.value);
      cpu[name].node += measured.nodeS;
      cpu[name].pg += measured.pgS;
    }
  }
  const summary = (name: Name): Stats => {
    assertAllSucceeded(name, results[name]);
    const stats = statsOf(results[name]);
    return {
      ...stats,
      nodeCpuMs: (cpu[name].node * 1000) / stats.n,
      pgCpuMs: (cpu[name].pg * 1000) / stats.n,
    };
  };
  return {
    baseline: summary('bare'),
    shipgate: summary('Shipgate'),
    floor: summary('floor'),
    statements,
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Bulk load

const DEPLOYMENT_COLUMNS =
  'product, version, environment, status, ref, sha, tag, deployed_by, build_url, ' +
  'extra_metadata, deployment_request_id, created_at, updated_at, started_at, finished_at';

/**
 * Writes `rows` finished deployments straight into the tables, as if years of CI had posted
 * them: row i goes to product (i mod 500) and environment (i div 500 mod 6), so every cell
 * holds rows/3000 records interleaved in time, one every 30 s; 5 % failed, ~1 % canceled.
 * Then points each deployment_cells row at the newest record of its cell and refreshes the
 * planner's statistics.
 */
async function bulkLoad(bench: Bench, rows: number) {
  const { knex } = bench;
  const base = Math.floor(Date.UTC(2024, 0, 1) / 1000);
  if (bench.client === 'pg') {
    await knex.raw('TRUNCATE deployments, deployment_cells, idempotency_keys RESTART IDENTITY');
    const envArray = `ARRAY[${ENV_NAMES.map(e => `'${e}'`).join(',')}]`;
    const chunk = 250_000;
    for (let from = 1; from <= rows; from += chunk) {
      const to = Math.min(rows, from + chunk - 1);
      await knex.raw(`
        INSERT INTO deployments (${DEPLOYMENT_COLUMNS})
        SELECT 'component:default/p-' || lpad((((i - 1) % ${PRODUCTS}) + 1)::text, 3, '0'),
               '1.' || (i / 3000) || '.' || (i % 3000),
               (${envArray})[((i - 1) / ${PRODUCTS}) % ${ENV_NAMES.length} + 1],
               CASE WHEN i % 20 = 0 THEN 'failed' WHEN i % 97 = 0 THEN 'canceled' ELSE 'success' END,
               'main', md5(i::text), NULL, 'ci-bot', 'https://ci.example.com/builds/' || i,
               NULL, NULL, t - interval '90 seconds', t, t - interval '90 seconds', t
        FROM generate_series(${from}, ${to}) AS i,
             LATERAL (SELECT to_timestamp(${base} + i * 30) AS t) AS ts`);
    }
  } else {
    await knex('deployments').delete();
    await knex('deployment_cells').delete();
    await knex('idempotency_keys').delete();
    await knex.raw(`DELETE FROM sqlite_sequence WHERE name = 'deployments'`).catch(() => {});
    const envCase = ENV_NAMES.map((e, i) => `WHEN ${i} THEN '${e}'`).join(' ');
    const ts = (offset: number) =>
      `strftime('%Y-%m-%dT%H:%M:%fZ', ${base} + i * 30 - ${offset}, 'unixepoch')`;
    await knex.transaction(async tx => {
      await tx.raw(`
        WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${rows})
        INSERT INTO deployments (${DEPLOYMENT_COLUMNS})
        SELECT 'component:default/p-' || substr('000' || (((i - 1) % ${PRODUCTS}) + 1), -3, 3),
               '1.' || (i / 3000) || '.' || (i % 3000),
               CASE ((i - 1) / ${PRODUCTS}) % ${ENV_NAMES.length} ${envCase} END,
               CASE WHEN i % 20 = 0 THEN 'failed' WHEN i % 97 = 0 THEN 'canceled' ELSE 'success' END,
               'main', lower(hex(randomblob(16))), NULL, 'ci-bot', 'https://ci.example.com/builds/' || i,
               NULL, NULL, ${ts(90)}, ${ts(0)}, ${ts(90)}, ${ts(0)}
        FROM s`);
    });
  }
  await knex.raw(`
    INSERT INTO deployment_cells (product, environment, latest_deployment_id)
    SELECT product, environment, max(id) FROM deployments GROUP BY product, environment`);
  if (bench.client === 'pg') {
    // A live table has been vacuumed by autovacuum; a freshly loaded one has not.
    await knex.raw('VACUUM (ANALYZE) deployments');
    await knex.raw('VACUUM (ANALYZE) deployment_cells');
    await knex.raw('VACUUM (ANALYZE) products');
  } else {
    await knex.raw('ANALYZE');
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Reads

type ReadScenario = { name: string; target: boolean; paths: (rand: () => number) => string };

const anyProduct = (rand: () => number) => productName(1 + Math.floor(rand() * PRODUCTS));
const listQuery = 'per_page=20&order_by=id&sort=desc';

const READ_SCENARIOS: ReadScenario[] = [
  {
    name: 'GET /matrix (default per_page=50, pages 1-10)',
    target: true,
    paths: rand => `/api/deployments/matrix?page=${1 + Math.floor(rand() * 10)}`,
  },
  {
    name: 'GET /matrix?per_page=100 (pages 1-5)',
    target: true,
    paths: rand => `/api/deployments/matrix?per_page=100&page=${1 + Math.floor(rand() * 5)}`,
  },
  {
    name: 'GET /deployments?product&environment',
    target: true,
    paths: rand =>
      `/api/deployments/deployments?product=${anyProduct(rand)}` +
      `&environment=${pick(rand, ENV_NAMES)}&${listQuery}`,
  },
  {
    name: 'GET /deployments?product',
    target: true,
    paths: rand => `/api/deployments/deployments?product=${anyProduct(rand)}&${listQuery}`,
  },
  {
    name: '(info) GET /deployments?environment',
    target: false,
    paths: rand => `/api/deployments/deployments?environment=${pick(rand, ENV_NAMES)}&${listQuery}`,
  },
];

type ReadRow = { scenario: ReadScenario; concurrency: number; stats: Stats };

async function measureReads(client: LoadClient, port: number): Promise<ReadRow[]> {
  const out: ReadRow[] = [];
  const rand = prng(7);
  for (const scenario of READ_SCENARIOS) {
    const make = (n: number): Request[] =>
      Array.from({ length: n }, () => ({ method: 'GET', path: scenario.paths(rand) }));
    const warm = await client.run(port, make(READ_WARMUP), 2);
    assertAllSucceeded(`warm-up ${scenario.name}`, [warm]);
    for (const concurrency of READ_CONCURRENCIES) {
      const measured = await withCpu(() => client.run(port, make(READ_REQUESTS), concurrency));
      assertAllSucceeded(scenario.name, [measured.value]);
      const stats = statsOf([measured.value]);
      out.push({
        scenario,
        concurrency,
        stats: {
          ...stats,
          nodeCpuMs: (measured.nodeS * 1000) / stats.n,
          pgCpuMs: (measured.pgS * 1000) / stats.n,
        },
      });
    }
  }
  return out;
}

/** One request of each scenario, to check the answers carry what they should. */
async function sanityCheck(port: number) {
  const get = async (p: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${p}`, {
      headers: { Authorization: mockCredentials.service.header() },
    });
    if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    return { body: (await res.json()) as any, total: res.headers.get('x-total') };
  };
  const matrix = await get('/api/deployments/matrix?per_page=100');
  const filled = matrix.body.rows.reduce(
    (n: number, r: any) => n + Object.keys(r.cells).length,
    0,
  );
  const list = await get(
    `/api/deployments/deployments?product=p-001&environment=dev&${listQuery}`,
  );
  return `matrix page: ${matrix.body.rows.length} rows, ${filled} cells, total ${matrix.body.total}; ` +
    `p-001/dev list: ${list.body.length} items, X-Total ${list.total}`;
}

// ---------------------------------------------------------------------------------------------
// Main

type DbResult = {
  label: string;
  ingestion?: Ingestion;
  reads: ReadRow[];
};

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
      console.log(
        `  ingestion: ${POST_ROUNDS} rounds × ${POST_REQUESTS} POSTs per target at concurrency ` +
          `${POST_CONCURRENCY}, after a warm-up of one event per cell (${formatSeconds(t1)})`,
      );
      console.log(
        '    target                         req/s    p50 ms  p99 ms   statements  CPU ms/req (backend, db)',
      );
      const line = (name: string, s: Stats, statements: number) =>
        console.log(
          `    ${name.padEnd(27)} ${num(s.rate)}  ${ms(s.p50)} ${ms(s.p99)}   ${String(statements).padStart(10)}  ` +
            `${s.nodeCpuMs!.toFixed(2)}, ${bench.client === 'pg' ? s.pgCpuMs!.toFixed(2) : 'in-process'}`,
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
      console.log(
        `  reads: ${READ_REQUESTS} requests per row after ${READ_WARMUP} warm-up (${formatSeconds(t3)})`,
      );
      console.log(
        '    request                                        conc   req/s   p50 ms  p95 ms  p99 ms' +
          '   CPU ms/req (backend, db)',
      );
      for (const r of reads) {
        console.log(
          `    ${r.scenario.name.padEnd(46)} ${String(r.concurrency).padStart(4)} ${num(r.stats.rate, 7)}  ` +
            `${ms(r.stats.p50)} ${ms(r.stats.p95)} ${ms(r.stats.p99)}   ` +
            `${r.stats.nodeCpuMs!.toFixed(2)}, ${bench.client === 'pg' ? r.stats.pgCpuMs!.toFixed(2) : 'in-process'}`,
        );
      }
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
