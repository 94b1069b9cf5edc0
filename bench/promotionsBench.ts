/*
 * Shipgate promotions benchmark: prints figures, asserts nothing but that every request
 * succeeded (it is not a timed test).
 *
 * The requirement it measures: with 100 variables per environment, a promotion preview
 * (POST /products/:product/promotion/preview) and an approval (POST /promotions/:id/approve)
 * have p95 ≤ 50 ms on the backend, on SQLite and PostgreSQL. It runs the real portal backend
 * (bench/PortalBackend.ts: real user tokens from the demo sign-in, the real permission
 * policy) with the environments `dev` and BENCH_PROMOTION_TARGETS targets (t01, t02, …,
 * deploy policy direct). As ada (admin) it gives each of the catalog's six products the
 * pipeline dev → tNN (two approvals each) and 100 variables in every environment, half of them
 * different from dev's. Then, at concurrency 1 from a child process over loopback:
 *
 *   1. devon (owner) previews dev → tNN, BENCH_PROMOTION_PREVIEWS times after 20 warm-up;
 *   2. devon requests every promotion (one per product and target);
 *   3. remy (release manager) approves each: the first of two approvals;
 *   4. ada approves each: the last approval, which executes the promotion in the same call
 *      (the 100 variables and the version copied, the release recorded as a deployment and,
 *      the targets being direct, deployed through the deployment gates).
 *
 * Before each phase it waits until the backend is quiet (what the previous phase queued, such
 * as the approvers' notifications, is sent).
 *
 * Knobs: BENCH_DATABASES (sqlite,postgres), BENCH_PG_URL, BENCH_PROMOTION_TARGETS (40),
 * BENCH_PROMOTION_PREVIEWS (200), BENCH_KEEP_LOGS=1. `BENCH_PARTS=promotions npm run bench`.
 */
import { PortalBackend, PortalDatabase } from './PortalBackend';
import { LoadClient, Request, formatSeconds, loadAverage, machineLine } from './benchKit';
import { Row, measure } from './approvalsMeasure';
import { printTable } from './approvalsReport';

const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',').map(s => s.trim());
const PG_URL = (process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432').replace(/\/$/, '');
const TARGETS = Number(process.env.BENCH_PROMOTION_TARGETS ?? 40);
const PREVIEWS = Number(process.env.BENCH_PROMOTION_PREVIEWS ?? 200);
const VARIABLES = 100;
const TARGET_P95_MS = 50;
const PRODUCTS = ['payment-api', 'ledger-service', 'billing-worker', 'storefront-web', 'catalog-api', 'search-service'];

const targets = Array.from({ length: TARGETS }, (_, i) => `t${String(i + 1).padStart(2, '0')}`);
const variables = (differ: boolean) =>
  Object.fromEntries(
    Array.from({ length: VARIABLES }, (_, i) => [`VAR_${i}`, differ && i % 2 ? `other-${i}` : `value-${i}`]),
  );

/** One setup call (not measured): JSON in, JSON out, a 2xx answer or an error. */
async function send(port: number, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

async function benchDatabase(database: PortalDatabase, client: LoadClient): Promise<Row[]> {
  const t0 = Date.now();
  console.log(`\n=== ${database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);
  const portal = await PortalBackend.start({
    database,
    pgUrl: PG_URL,
    pgPrefix: 'shipgate_bench_promotions_',
    nodeEnv: process.env.BENCH_BACKEND_NODE_ENV ?? process.env.NODE_ENV ?? 'production',
    keepLog: Boolean(process.env.BENCH_KEEP_LOGS),
    startupTimeoutMs: 240_000,
    deployments: {
      environments: [
        { name: 'dev', tier: 'development', order: 1, deployPolicy: 'direct' },
        ...targets.map((name, i) => ({ name, tier: 'testing', order: i + 2, deployPolicy: 'direct' })),
      ],
    },
  });
  try {
    const [ada, remy, devon] = await Promise.all(['ada', 'remy', 'devon'].map(u => portal.signIn(u)));
    const api = (token: string) => (method: string, path: string, body?: unknown) =>
      send(portal.port, token, method, `/api/deployments${path}`, body);
    const admin = api(ada.token);
    for (const product of PRODUCTS) {
      await admin('PUT', `/products/${product}/promotion/pipeline`, {
        stages: [{ environment: 'dev' }, ...targets.map(environment => ({ environment }))],
        transitions: targets.map(to => ({ from: 'dev', to, requiredApprovals: 2 })),
      });
      await admin('PUT', `/products/${product}/environments/dev/config`, { version: '2.0.0', variables: variables(false) });
      for (const target of targets) {
        await admin('PUT', `/products/${product}/environments/${target}/config`, { version: '1.0.0', variables: variables(true) });
      }
    }
    console.log(
      `  backend on 127.0.0.1:${portal.port}; ${PRODUCTS.length} products × dev → ${TARGETS} targets, ` +
        `${VARIABLES} variables per environment (${formatSeconds(t0)})`,
    );

    const pairs = PRODUCTS.flatMap(product => targets.map(target => ({ product, target })));
    const as = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}`, Accept: 'application/json' });
    const run = async (name: string, requests: Request[], user: { token: string }, target?: number) => {
      await portal.settle();
      return measure(name, () => client.run(portal.port, requests, 1, as(user)), portal, database, 1, target);
    };
    const preview = (i: number): Request => {
      const { product, target } = pairs[i % pairs.length];
      return { method: 'POST', path: `/api/deployments/products/${product}/promotion/preview`, body: { source: 'dev', target } };
    };

    const rows: Row[] = [];
    await client.run(portal.port, Array.from({ length: 20 }, (_, i) => preview(i)), 1, as(devon));
    rows.push(await run('POST …/promotion/preview', Array.from({ length: PREVIEWS }, (_, i) => preview(i)), devon, TARGET_P95_MS));
    rows.push(
      await run(
        '(info) POST …/promotion/request',
        pairs.map(({ product, target }) => ({
          method: 'POST',
          path: `/api/deployments/products/${product}/promotion/request`,
          body: { source: 'dev', target, notes: 'bench' },
        })),
        devon,
      ),
    );
    const ids: number[] = [];
    for (const product of PRODUCTS) {
      const open = await admin('GET', `/products/${product}/promotions?status=pending_approval&per_page=100`);
      ids.push(...open.map((p: { id: number }) => p.id));
    }
    if (ids.length !== pairs.length) throw new Error(`expected ${pairs.length} open promotions, found ${ids.length}`);
    const approve = (id: number): Request => ({ method: 'POST', path: `/api/deployments/promotions/${id}/approve`, body: {} });
    rows.push(await run('POST …/approve (first of two)', ids.map(approve), remy, TARGET_P95_MS));
    rows.push(await run('POST …/approve (last: executes)', ids.map(approve), ada, TARGET_P95_MS));

    const done = await admin('GET', `/products/${PRODUCTS[0]}/promotions?status=completed&per_page=100`);
    console.log(`  ${done.length} of ${TARGETS} promotions of ${PRODUCTS[0]} completed (deployed to their direct targets)`);
    printTable(database, rows);
    console.log(`  done in ${formatSeconds(t0)}; load average ${loadAverage()}`);
    return rows;
  } finally {
    await portal.stop();
  }
}

async function main() {
  const started = Date.now();
  console.log('Shipgate promotions benchmark: the real portal backend, real tokens, real permission policy');
  console.log(`  ${machineLine()}`);
  console.log(`  load average at start: ${loadAverage()} (other processes share these CPUs)`);
  const client = new LoadClient({ Accept: 'application/json' });
  const verdicts: string[] = [];
  try {
    for (const database of DATABASES) {
      if (database !== 'sqlite' && database !== 'postgres') throw new Error(`unknown database ${database}`);
      for (const row of await benchDatabase(database, client)) {
        if (row.target === undefined) continue;
        const met = row.stats.p95 <= row.target;
        verdicts.push(
          `  ${met ? 'met   ' : 'MISSED'}  ${database.padEnd(9)} ${row.name.padEnd(32)} p95 ` +
            `${row.stats.p95.toFixed(1).padStart(6)} ms (target ≤ ${row.target} ms)`,
        );
      }
    }
  } finally {
    client.close();
  }
  console.log(`\n=== Targets (concurrency 1, ${VARIABLES} variables per environment)\n${verdicts.join('\n')}`);
  console.log(`  load average at end: ${loadAverage()}; total ${formatSeconds(started)}`);
}

main().then(
  () => process.exit(0),
  error => {
    console.error(String(error?.stack ?? error).slice(0, 3000));
    process.exit(1);
  },
);
