import request from 'supertest';
import { backendPerTest } from '../__testUtils__/backendPerTest';
import { databaseSnapshot } from '../__testUtils__/databaseSnapshot';
import { databases, startDeploymentsBackend } from '../__testUtils__/startDeploymentsBackend';
import { as, asCi, base } from '../__testUtils__/startGovernedBackend';

/* Bad input gets a 4xx with a message naming the field, and writes nothing. */

jest.setTimeout(120_000);

const asUser = as('devon');

const event = (overrides: Record<string, unknown> = {}) => ({
  product_name: 'payment-api',
  version: '1.2.3',
  environment_name: 'staging',
  status: 'running',
  ...overrides,
});

/** `{ a: { a: … { a: 1 } } }`, `levels` objects deep. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: 1 };
  for (let i = 1; i < levels; i++) value = { a: value };
  return value;
}

const request_ = {
  title: 'Release',
  environment: 'dev',
  items: [{ product: 'payment-api', version: '1.0.0' }],
  preSteps: ['Smoke test'],
};

describe.each(databases.eachSupportedId())('bad input on %p', databaseId => {
  const ctx = backendPerTest(() => startDeploymentsBackend(databaseId));
  const api = () => request(ctx.server);

  /** Sends a call that must be refused with 400 matching `message`, and must write nothing. */
  const refused = async (call: () => request.Test, message: RegExp) => {
    const before = await databaseSnapshot(ctx.knex);
    const res = await call();
    expect([res.status, res.body.error?.message]).toEqual([400, expect.stringMatching(message)]);
    expect(await databaseSnapshot(ctx.knex)).toEqual(before);
  };

  it('bounds extra_metadata to 10 levels and 64 KB, also once merged across events', async () => {
    const post = (body: object) => () => api().post(`${base}/deployments`).set(asCi).send(body);
    await refused(post(event({ extra_metadata: nested(3_000) })), /nest deeper than 16 levels at "extra_metadata/);
    await refused(post(event({ extra_metadata: nested(11) })), /at most 10 levels deep at "extra_metadata"/);
    await refused(
      post(event({ extra_metadata: { blob: 'x'.repeat(200_000) } })),
      /at most 65536 bytes as JSON, got \d+ at "extra_metadata"/,
    );
    expect((await post(event({ extra_metadata: nested(10) }))()).status).toBe(201);

    const first = await post(event({ version: '2', status: 'created', extra_metadata: { a: 'x'.repeat(40_000) } }))();
    expect(first.status).toBe(201);
    await refused(
      post(event({ version: '2', status: 'running', extra_metadata: { b: 'y'.repeat(40_000) } })),
      /extra_metadata: merged with deployment \d+'s earlier metadata it must be at most 65536 bytes/,
    );
    // Replacing a key keeps the size in bounds.
    const replaced = await post(event({ version: '2', status: 'running', extra_metadata: { a: 'z' } }))();
    expect([replaced.status, replaced.body.extra_metadata]).toEqual([200, { a: 'z' }]);
  });

  // eslint-disable-next-line no-script-url -- the refused input under test
  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.com/build', 'vbscript:x'])(
    'accepts http and https build URLs only, not %s',
    async url => {
      await refused(
        () => api().post(`${base}/deployments`).set(asCi).send(event({ build_url: url })),
        /http or https URL at "build_url"/,
      );
    },
  );

  it('refuses a NUL byte in any text of any body or query with 400', async () => {
    const nul = 'a\u0000b';
    const deployment = (body: object) => () => api().post(`${base}/deployments`).set(asCi).send(body);
    await refused(deployment(event({ version: nul })), /NUL.*"version"/);
    await refused(deployment(event({ deployed_by: nul })), /NUL.*"deployed_by"/);
    await refused(deployment(event({ extra_metadata: { note: nul } })), /NUL.*"extra_metadata.note"/);
    await refused(deployment(event({ extra_metadata: { [nul]: 1 } })), /NUL.*"extra_metadata/);

    const newRequest = (body: object) => () => api().post(`${base}/requests`).set(asUser).send(body);
    await refused(newRequest({ ...request_, title: nul }), /NUL.*"title"/);
    await refused(newRequest({ ...request_, description: nul }), /NUL.*"description"/);
    await refused(newRequest({ ...request_, preSteps: ['ok', nul] }), /NUL.*"preSteps\[1\]"/);
    await refused(
      () => api().post(`${base}/templates`).set(asUser).send({ name: nul }),
      /NUL.*"name"/,
    );
    const dr = await api().post(`${base}/requests`).set(asUser).send(request_);
    expect(dr.status).toBe(201);
    await refused(
      () => api().patch(`${base}/requests/${dr.body.id}`).set(asUser).send({ title: nul }),
      /NUL.*"title"/,
    );
    await refused(
      () => api().get(`${base}/deployments?product=a%00b`).set(asUser),
      /NUL.*"product"/,
    );
  });

  it.each([
    ['page=1e21', /whole number at "page"/],
    ['page=0x10', /whole number at "page"/],
    ['page=2.0', /whole number at "page"/],
    ['page=99999999999', /whole number at "page"/],
    ['page=1000001', /at most 1000000 at "page"/],
    ['per_page=1e2', /whole number at "per_page"/],
    ['per_page=101', /at most 100 at "per_page"/],
    ['page=-1', /whole number at "page"/],
  ])('answers paging %s with 400', async (query, message) => {
    for (const path of ['deployments', 'requests', 'matrix']) {
      const res = await api().get(`${base}/${path}?${query}`).set(asUser);
      expect([path, res.status, res.body.error?.message]).toEqual([path, 400, expect.stringMatching(message)]);
    }
  });

  it('pages with whole numbers in range', async () => {
    const res = await api().get(`${base}/deployments?page=1000000&per_page=100`).set(asUser);
    expect([res.status, res.body, res.header['x-page']]).toEqual([200, [], '1000000']);
  });
});
