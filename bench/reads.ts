/*
 * Part 2 of the deployments benchmark, reads: GET /matrix and filtered GET /deployments over
 * the bulk-loaded history, at each of READ_CONCURRENCIES.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  LoadClient,
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
  PRODUCTS,
  READ_CONCURRENCIES,
  READ_REQUESTS,
  READ_WARMUP,
  productName,
} from './deploymentsSettings';

export type ReadScenario = { name: string; target: boolean; paths: (rand: () => number) => string };

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

export type ReadRow = { scenario: ReadScenario; concurrency: number; stats: Stats };

export async function measureReads(client: LoadClient, port: number): Promise<ReadRow[]> {
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
      out.push({
        scenario,
        concurrency,
        stats: withCpuPerRequest(statsOf([measured.value]), measured.nodeS, measured.pgS),
      });
    }
  }
  return out;
}

/** One request of each scenario, to check the answers carry what they should. */
export async function sanityCheck(port: number) {
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
