/*
 * Part 1 of the deployments benchmark, ingestion: POST /deployments to Shipgate and to the bare
 * baseline, same bodies, same client, same concurrency, in alternating rounds; plus Shipgate's
 * GET /deployments/:id as the cost of the Backstage request path itself.
 */
import { Knex } from 'knex';
import {
  LoadClient,
  LoadResult,
  Request,
  Stats,
  assertAllSucceeded,
  pick,
  prng,
  statsOf,
  withCpu,
  withCpuPerRequest,
} from './benchKit';
import {
  ENV_NAMES,
  POST_CONCURRENCY,
  POST_REQUESTS,
  POST_ROUNDS,
  PRODUCTS,
  productName,
} from './deploymentsSettings';

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

export type Ingestion = {
  baseline: Stats;
  shipgate: Stats;
  /** Shipgate's GET /deployments/:id: the Backstage request path with one statement. */
  floor: Stats;
  statements: Record<'bare' | 'Shipgate' | 'floor', string[]>;
};

export async function measureIngestion(
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
    return withCpuPerRequest(statsOf(results[name]), cpu[name].node, cpu[name].pg);
  };
  return {
    baseline: summary('bare'),
    shipgate: summary('Shipgate'),
    floor: summary('floor'),
    statements,
  };
}
