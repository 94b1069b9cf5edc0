/*
 * Shipgate deployment rules benchmark: prints figures, asserts nothing but that every request
 * succeeded (it is not a timed test).
 *
 * The requirement it measures: POST /rules/evaluate (a dry run of every deployment gate) has
 * p95 ≤ 10 ms with 1,000 rules, also when all of them match, on SQLite and PostgreSQL. It runs
 * the real portal backend (bench/PortalBackend.ts: real user tokens from the demo sign-in,
 * the real permission policy) with `production` and BENCH_RULES_ENVIRONMENTS more environments
 * (e01, e02, …). As ada (admin), at concurrency 1 from a child process over loopback:
 *
 *   1. 1,000 rules spread over the environments (each matches one environment, requires an
 *      approved request and a qa approval, orders qa before security): evaluate events to
 *      random environments (a few rules match each);
 *   2. the same 1,000 rules changed to match every production deployment: evaluate events to
 *      production (all 1,000 match; the answer lists them all);
 *   3. (info) CI posts deployment events to production through the gates: each is recorded
 *      as blocked by the 1,000 rules.
 *
 * Each phase starts once the backend is quiet (PortalBackend.settle: the catalog's first
 * processing after the start, the audit of 1,000 rule changes), as the promotions part does.
 *
 * Knobs: BENCH_DATABASES (sqlite,postgres), BENCH_PG_URL, BENCH_RULES (1000),
 * BENCH_RULES_ENVIRONMENTS (20), BENCH_RULES_EVALUATIONS (300), BENCH_KEEP_LOGS=1.
 * `BENCH_PARTS=rules npm run bench`.
 */
import { CI_TOKEN, PortalBackend, PortalDatabase } from './PortalBackend';
import {
  LoadClient,
  Request,
  formatSeconds,
  loadAverage,
  machineLine,
} from './benchKit';
import { Row, measure } from './approvalsMeasure';
import { printTable } from './approvalsReport';

const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres')
  .split(',')
  .map(s => s.trim());
const PG_URL = (
  process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432'
).replace(/\/$/, '');
const RULES = Number(process.env.BENCH_RULES ?? 1000);
const ENVIRONMENTS = Number(process.env.BENCH_RULES_ENVIRONMENTS ?? 20);
const EVALUATIONS = Number(process.env.BENCH_RULES_EVALUATIONS ?? 300);
const WARMUP = 30;
const TARGET_P95_MS = 10;
const PRODUCTS = [
  'payment-api',
  'ledger-service',
  'billing-worker',
  'storefront-web',
  'catalog-api',
  'search-service',
];

const environments = Array.from(
  { length: ENVIRONMENTS },
  (_, i) => `e${String(i + 1).padStart(2, '0')}`,
);
const TIERS = ['development', 'testing', 'staging', 'other'];

/** One setup call (not measured): JSON in, JSON out, a 2xx answer or an error. */
async function send(
  port: number,
  token: string,
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok)
    throw new Error(`${method} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

const ruleBody = (i: number, match: object) => ({
  name: `bench rule ${i}`,
  match,
  requireApprovedRequest: true,
  requiredApprovals: [{ approvalType: 'qa', count: 1 }],
  approvalOrder: ['qa', 'security'],
});

async function benchDatabase(
  database: PortalDatabase,
  client: LoadClient,
): Promise<Row[]> {
  const t0 = Date.now();
  console.log(`\n=== ${database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`);
  const portal = await PortalBackend.start({
    database,
    pgUrl: PG_URL,
    pgPrefix: 'shipgate_bench_rules_',
    nodeEnv:
      process.env.BENCH_BACKEND_NODE_ENV ??
      process.env.NODE_ENV ??
      'production',
    keepLog: Boolean(process.env.BENCH_KEEP_LOGS),
    startupTimeoutMs: 240_000,
    deployments: {
      environments: [
        ...environments.map((name, i) => ({
          name,
          tier: TIERS[i % TIERS.length],
          order: i + 1,
        })),
        {
          name: 'production',
          tier: 'production',
          order: ENVIRONMENTS + 1,
          deployPolicy: 'manual',
        },
      ],
    },
  });
  try {
    const ada = await portal.signIn('ada');
    const ci = { token: CI_TOKEN };
    const admin = (method: string, path: string, body?: unknown) =>
      send(portal.port, ada.token, method, `/api/deployments${path}`, body);
    const as = (user: { token: string }) => ({
      Authorization: `Bearer ${user.token}`,
      Accept: 'application/json',
    });
    const run = (
      name: string,
      requests: Request[],
      user: { token: string },
      target?: number,
    ) =>
      measure(
        name,
        () => client.run(portal.port, requests, 1, as(user)),
        portal,
        database,
        1,
        target,
      );
    const evaluate =
      (environment: (i: number) => string) =>
      (i: number): Request => ({
        method: 'POST',
        path: '/api/deployments/rules/evaluate',
        body: {
          product: PRODUCTS[i % PRODUCTS.length],
          version: `1.0.${i}`,
          environment: environment(i),
        },
      });
    const batch = (make: (i: number) => Request, n: number) =>
      Array.from({ length: n }, (_, i) => make(i));
    const spread = evaluate(i => environments[(i * 7) % ENVIRONMENTS]);

    // The same call with no rule at all: what auth, the permission policy and the other gates cost.
    const rows: Row[] = [];
    await portal.settle();
    await client.run(portal.port, batch(spread, WARMUP), 1, as(ada));
    rows.push(
      await run(
        '(info) POST /rules/evaluate (no rules)',
        batch(spread, EVALUATIONS),
        ada,
      ),
    );

    const ids: number[] = [];
    for (let i = 0; i < RULES; i++) {
      const rule = await admin(
        'POST',
        '/rules',
        ruleBody(i, { environments: [environments[i % ENVIRONMENTS]] }),
      );
      ids.push(rule.id);
    }
    console.log(
      `  backend on 127.0.0.1:${
        portal.port
      }; ${RULES} rules over ${ENVIRONMENTS} environments (${formatSeconds(
        t0,
      )})`,
    );

    await portal.settle();
    await client.run(portal.port, batch(spread, WARMUP), 1, as(ada));
    rows.push(
      await run(
        `POST /rules/evaluate (${RULES / ENVIRONMENTS} of ${RULES} match)`,
        batch(spread, EVALUATIONS),
        ada,
        TARGET_P95_MS,
      ),
    );

    for (const [i, id] of ids.entries())
      await admin(
        'PUT',
        `/rules/${id}`,
        ruleBody(i, { tiers: ['production'] }),
      );
    const check = await admin('POST', '/rules/evaluate', {
      product: 'payment-api',
      version: '9',
      environment: 'production',
    });
    if (check.rules.length !== RULES || check.decision !== 'block') {
      throw new Error(
        `expected all ${RULES} rules to match and block, got ${check.rules.length} (${check.decision})`,
      );
    }
    const all = evaluate(() => 'production');
    await portal.settle();
    await client.run(portal.port, batch(all, WARMUP), 1, as(ada));
    rows.push(
      await run(
        `POST /rules/evaluate (all ${RULES} match)`,
        batch(all, EVALUATIONS),
        ada,
        TARGET_P95_MS,
      ),
    );

    const deploy = (i: number): Request => ({
      method: 'POST',
      path: '/api/deployments/deployments',
      body: {
        product_name: PRODUCTS[i % PRODUCTS.length],
        version: `2.0.${i}`,
        environment_name: 'production',
        status: 'created',
      },
    });
    rows.push(
      await run(
        `(info) POST /deployments (blocked by ${RULES})`,
        batch(deploy, 100),
        ci,
      ),
    );
    const blocked = await admin(
      'GET',
      '/deployments?environment=production&status=blocked&per_page=1',
    );
    console.log(
      `  ${
        blocked.length
          ? 'deployment events were recorded as blocked'
          : 'NO blocked deployment found'
      }`,
    );
    printTable(database, rows);
    console.log(
      `  done in ${formatSeconds(t0)}; load average ${loadAverage()}`,
    );
    return rows;
  } finally {
    await portal.stop();
  }
}

async function main() {
  const started = Date.now();
  console.log(
    'Shipgate rules benchmark: the real portal backend, real tokens, real permission policy',
  );
  console.log(`  ${machineLine()}`);
  console.log(
    `  load average at start: ${loadAverage()} (other processes share these CPUs)`,
  );
  const client = new LoadClient({ Accept: 'application/json' });
  const verdicts: string[] = [];
  try {
    for (const database of DATABASES) {
      if (database !== 'sqlite' && database !== 'postgres')
        throw new Error(`unknown database ${database}`);
      for (const row of await benchDatabase(database, client)) {
        if (row.target === undefined) continue;
        const met = row.stats.p95 <= row.target;
        verdicts.push(
          `  ${met ? 'met   ' : 'MISSED'}  ${database.padEnd(
            9,
          )} ${row.name.padEnd(40)} p95 ` +
            `${row.stats.p95.toFixed(1).padStart(6)} ms (target ≤ ${
              row.target
            } ms)`,
        );
      }
    }
  } finally {
    client.close();
  }
  console.log(
    `\n=== Targets (concurrency 1, ${RULES} rules)\n${verdicts.join('\n')}`,
  );
  console.log(
    `  load average at end: ${loadAverage()}; total ${formatSeconds(started)}`,
  );
}

main().then(
  () => process.exit(0),
  error => {
    console.error(String(error?.stack ?? error).slice(0, 3000));
    process.exit(1);
  },
);
