import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  databases,
  startDeploymentsBackend,
} from '../__testUtils__/startDeploymentsBackend';
import { as, asCi } from '../__testUtils__/startGovernedBackend';

jest.setTimeout(60_000);

const user = mockCredentials.user('user:default/devon');
const asUser = as('devon');

const event = (overrides: Record<string, unknown> = {}) => ({
  product_name: 'payment-api',
  version: '1.2.3',
  environment_name: 'staging',
  status: 'started',
  deployed_by: 'john.doe',
  scm_branch: 'main',
  scm_sha: 'abc123def456',
  build_url: 'https://ci.example.com/builds/123',
  extra_metadata: { rollback_version: '1.2.2' },
  ...overrides,
});

describe.each(databases.eachSupportedId())('deployments API on %p', databaseId => {
  let ctx: Awaited<ReturnType<typeof startDeploymentsBackend>>;

  beforeEach(async () => {
    ctx = await startDeploymentsBackend(databaseId);
  });
  afterEach(async () => {
    await ctx.stop();
  });

  const post = (body: object, headers: Record<string, string> = asCi) =>
    request(ctx.server).post('/api/deployments/deployments').set(headers).send(body);
  const rowCount = async () =>
    Number((await ctx.knex('deployments').count({ c: '*' }))[0].c);

  it('refuses a request without credentials with 401 and writes nothing', async () => {
    const res = await request(ctx.server)
      .post('/api/deployments/deployments')
      .set('Authorization', mockCredentials.none.header())
      .send(event());
    expect(res.status).toBe(401);
    expect(await rowCount()).toBe(0);
  });

  it('records a Versioner event from CI and moves the same deployment through its lifecycle', async () => {
    const started = await post(event());
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      product: 'component:default/payment-api',
      product_name: 'payment-api',
      version: '1.2.3',
      environment: 'staging',
      status: 'running',
      ref: 'main',
      sha: 'abc123def456',
      deployed_by: 'john.doe',
      build_url: 'https://ci.example.com/builds/123',
      extra_metadata: { rollback_version: '1.2.2' },
      finished_at: null,
    });
    expect(started.body.started_at).toBeTruthy();

    const completed = await post(event({ status: 'completed', extra_metadata: { notes: 'ok' } }));
    expect(completed.status).toBe(200);
    expect(completed.body.id).toBe(started.body.id);
    expect(completed.body.status).toBe('success');
    expect(completed.body.finished_at).toBeTruthy();
    expect(completed.body.extra_metadata).toEqual({ rollback_version: '1.2.2', notes: 'ok' });
    expect(await rowCount()).toBe(1);

    // A finished deployment is final: the next event for that version is a new deployment.
    const again = await post(event({ status: 'pending' }));
    expect(again.status).toBe(201);
    expect(again.body.id).not.toBe(started.body.id);
    expect(again.body.status).toBe('created');
  });

  it('accepts GitLab field names and names the version after the tag', async () => {
    const res = await post({
      product: 'component:default/ledger-service',
      environment: 'production',
      sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
      ref: 'v2.0.0',
      tag: true,
      status: 'success',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 'v2.0.0', tag: 'v2.0.0', status: 'success' });
  });

  it('refuses a backwards transition with 409 and keeps the record', async () => {
    await post(event({ status: 'running' }));
    const res = await post(event({ status: 'created' }));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/cannot go from running to created/);
    const list = await request(ctx.server).get('/api/deployments/deployments').set(asUser);
    expect(list.body.map((d: any) => d.status)).toEqual(['running']);
  });

  it.each([
    [{ product_name: 'no-such-product' }, /product_name: unknown product 'no-such-product'/],
    [{ environment_name: 'mars' }, /environment_name: unknown environment 'mars'/],
    [{ status: 'exploded' }, /status must be one of created, blocked, running, success, failed, canceled/],
    [{ build_url: 'not a url' }, /build_url/],
    [{ version: undefined, scm_sha: undefined }, /version is required/],
    [{ surprise: 1 }, /Unrecognized key/],
  ])('answers bad input %o with a 400 naming the field and writes nothing', async (override, message) => {
    const res = await post(event(override));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(await rowCount()).toBe(0);
  });

  it('returns the same record for a retried request with the same Idempotency-Key', async () => {
    const first = await post(event({ status: 'success' }), { ...asCi, 'Idempotency-Key': 'run-42' });
    const retry = await post(event({ status: 'success' }), { ...asCi, 'Idempotency-Key': 'run-42' });
    expect(first.body).toEqual(expect.objectContaining({ status: 'success' }));
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await rowCount()).toBe(1);

    const misuse = await post(event({ status: 'failed' }), { ...asCi, 'Idempotency-Key': 'run-42' });
    expect(misuse.status).toBe(409);
    expect(await rowCount()).toBe(1);
  });

  it('names a person who records a deployment by their identity', async () => {
    const res = await post(event({ deployed_by: 'someone-else' }), asUser);
    expect(res.status).toBe(201);
    expect(res.body.deployed_by).toBe('user:default/devon');
  });

  it('answers 403 and writes nothing when the policy refuses', async () => {
    await ctx.stop();
    ctx = await startDeploymentsBackend(databaseId, { permission: AuthorizeResult.DENY });
    const res = await post(event(), asUser);
    expect(res.status).toBe(403);
    expect(await rowCount()).toBe(0);
  });

  describe('listing', () => {
    beforeEach(async () => {
      await post(event({ version: '1.0.0', environment_name: 'dev', status: 'success' }));
      await post(event({ version: '1.0.0', environment_name: 'staging', status: 'failed' }));
      await post(event({ version: '1.1.0', environment_name: 'dev', status: 'running' }));
      await post(event({ product_name: 'storefront-web', version: '3.0.0', environment_name: 'dev', status: 'success' }));
    });

    it('filters by product, environment and status', async () => {
      const res = await request(ctx.server)
        .get('/api/deployments/deployments?product=payment-api&environment=dev&status=success')
        .set(asUser);
      expect(res.status).toBe(200);
      expect(res.body.map((d: any) => [d.version, d.environment, d.status])).toEqual([
        ['1.0.0', 'dev', 'success'],
      ]);
      expect(res.headers['x-total']).toBe('1');
    });

    it('lists a system\'s deployments (its components\'), 400 for a system the catalog lacks', async () => {
      await post(event({ product_name: 'ledger-service', version: '0.9.0', environment_name: 'dev', status: 'success' }));
      const get = (product: string) =>
        request(ctx.server).get(`/api/deployments/deployments?product=${product}&order_by=id`).set(asUser);
      const payments = await get('system:default/payments');
      expect(payments.status).toBe(200);
      expect(payments.body.map((d: any) => [d.product_name, d.version, d.environment])).toEqual([
        ['payment-api', '1.0.0', 'dev'],
        ['payment-api', '1.0.0', 'staging'],
        ['payment-api', '1.1.0', 'dev'],
        ['ledger-service', '0.9.0', 'dev'],
      ]);
      expect(payments.headers['x-total']).toBe('4');
      expect((await get('system:default/storefront')).body.map((d: any) => d.product_name)).toEqual([
        'storefront-web',
      ]);
      const unknown = await get('system:default/mars');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/product: unknown product .*no System system:default\/mars/);
    });

    it('pages with GitLab headers and orders as asked', async () => {
      const page1 = await request(ctx.server)
        .get('/api/deployments/deployments?per_page=3&order_by=id&sort=desc')
        .set(asUser);
      expect(page1.body).toHaveLength(3);
      expect(page1.body[0].version).toBe('3.0.0');
      expect(page1.headers).toMatchObject({
        'x-total': '4',
        'x-page': '1',
        'x-per-page': '3',
        'x-next-page': '2',
      });
      const page2 = await request(ctx.server)
        .get('/api/deployments/deployments?per_page=3&page=2&order_by=id&sort=desc')
        .set(asUser);
      expect(page2.body.map((d: any) => d.version)).toEqual(['1.0.0']);
      expect(page2.headers['x-next-page']).toBe('');
    });

    it('filters by finished and updated dates', async () => {
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const past = '2000-01-01T00:00:00Z';
      const finished = await request(ctx.server)
        .get(`/api/deployments/deployments?finished_after=${past}&order_by=finished_at`)
        .set(asUser);
      expect(finished.body).toHaveLength(3); // the running one has not finished
      const none = await request(ctx.server)
        .get(`/api/deployments/deployments?updated_after=${future}`)
        .set(asUser);
      expect(none.body).toHaveLength(0);
    });

    it.each([
      ['order_by=colour', /order_by must be one of id, iid, created_at, updated_at, finished_at, ref/],
      ['sort=sideways', /sort must be asc or desc/],
      ['per_page=0', /per_page/],
      ['page=two', /page/],
      ['updated_after=yesterday', /updated_after/],
      ['status=exploded', /status must be one of/],
      ['environment=mars', /unknown environment 'mars'/],
    ])('answers a bad filter %s with 400', async (query, message) => {
      const res = await request(ctx.server).get(`/api/deployments/deployments?${query}`).set(asUser);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  it('gets one deployment, 404 for a missing one, 400 for a bad id', async () => {
    const created = await post(event());
    const res = await request(ctx.server).get(`/api/deployments/deployments/${created.body.id}`).set(asUser);
    expect(res.body.id).toBe(created.body.id);
    expect((await request(ctx.server).get('/api/deployments/deployments/999999').set(asUser)).status).toBe(404);
    expect((await request(ctx.server).get('/api/deployments/deployments/abc').set(asUser)).status).toBe(400);
  });

  it('changes status only along the lifecycle with PUT', async () => {
    const created = await post(event({ status: 'created' }));
    const url = `/api/deployments/deployments/${created.body.id}`;
    const running = await request(ctx.server).put(url).set(asUser).send({ status: 'running' });
    expect(running.body.status).toBe('running');
    const success = await request(ctx.server).put(url).set(asUser).send({ status: 'success' });
    expect(success.body.status).toBe('success');
    const back = await request(ctx.server).put(url).set(asUser).send({ status: 'running' });
    expect(back.status).toBe(409);
    expect((await request(ctx.server).get(url).set(asUser)).body.status).toBe('success');
    const bad = await request(ctx.server).put(url).set(asUser).send({ status: 'nope' });
    expect(bad.status).toBe(400);
  });

  it("keeps the last deployment of an environment and running ones (GitLab's rule)", async () => {
    const old = await post(event({ version: '1.0.0', status: 'success' }));
    const latest = await post(event({ version: '1.1.0', status: 'running' }));
    const del = (id: number) =>
      request(ctx.server).delete(`/api/deployments/deployments/${id}`).set(asUser);

    const refusedLatest = await del(latest.body.id);
    expect(refusedLatest.status).toBe(400);
    expect(refusedLatest.body.error.message).toMatch(/running|last deployment/);

    await post(event({ version: '1.1.0', status: 'success' }));
    const refusedLast = await del(latest.body.id);
    expect(refusedLast.status).toBe(400);
    expect(refusedLast.body.error.message).toMatch(/last deployment of payment-api in staging/);

    expect((await del(old.body.id)).status).toBe(204);
    expect((await del(old.body.id)).status).toBe(404);
    expect(await rowCount()).toBe(1);
  });

  describe('matrix', () => {
    it('shows the latest deployment per product × environment, with the four states', async () => {
      await post(event({ version: '1.0.0', environment_name: 'dev', status: 'success' }));
      await post(event({ version: '1.1.0', environment_name: 'dev', status: 'running' }));
      await post(event({ version: '1.0.0', environment_name: 'staging', status: 'failed' }));
      await post(event({ product_name: 'storefront-web', version: '9.0.0', environment_name: 'production', status: 'success' }));

      const res = await request(ctx.server).get('/api/deployments/matrix').set(asUser);
      expect(res.status).toBe(200);
      expect(res.body.environments.map((e: any) => e.name)).toEqual(['dev', 'staging', 'production']);
      const rows = Object.fromEntries(res.body.rows.map((r: any) => [r.product.name, r]));
      // Every catalog product is a row, deployed or not.
      expect(Object.keys(rows).sort()).toEqual(['ledger-service', 'payment-api', 'storefront-web']);
      expect(rows['payment-api'].cells.dev).toMatchObject({ version: '1.1.0', state: 'in_progress' });
      expect(rows['payment-api'].cells.staging).toMatchObject({ version: '1.0.0', state: 'failed' });
      expect(rows['payment-api'].cells.production).toBeUndefined();
      expect(rows['storefront-web'].cells.production).toMatchObject({ version: '9.0.0', state: 'deployed', deployedBy: 'john.doe' });
      expect(rows['ledger-service'].cells).toEqual({});
      expect(rows['payment-api'].product).toMatchObject({
        system: 'system:default/payments',
        owner: 'group:default/team-payments',
      });
    });

    it('filters by product, system and owner, and pages over products', async () => {
      const get = (q: string) => request(ctx.server).get(`/api/deployments/matrix?${q}`).set(asUser);
      const names = (res: request.Response) => res.body.rows.map((r: any) => r.product.name);
      expect(names(await get('system=payments'))).toEqual(['ledger-service', 'payment-api']);
      expect(names(await get('owner=team-storefront'))).toEqual(['storefront-web']);
      expect(names(await get('product=payment-api'))).toEqual(['payment-api']);
      const page2 = await get('per_page=2&page=2');
      expect(names(page2)).toEqual(['storefront-web']);
      expect(page2.body).toMatchObject({ total: 3, page: 2, nextPage: null });
      expect((await get('per_page=500')).status).toBe(400);
    });
  });

  it('counts simultaneous events for one deployment exactly once', async () => {
    const results = await Promise.all(
      ['started', 'started', 'started', 'started', 'started', 'started'].map(status =>
        post(event({ status })),
      ),
    );
    expect(results.map(r => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map(r => r.body.id)).size).toBe(1);
    expect(await rowCount()).toBe(1);
  });

  it('answers simultaneous retries with one Idempotency-Key with one record', async () => {
    const headers = { ...asCi, 'Idempotency-Key': 'deploy-7' };
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => post(event({ version: '7.0.0', status: 'success' }), headers)),
    );
    expect(results.map(r => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(results.filter(r => r.status === 201)).toHaveLength(1);
    const ids = new Set(results.filter(r => r.status < 300).map(r => r.body.id));
    expect(ids.size).toBe(1);
    expect(await rowCount()).toBe(1);
  });

  describe('simultaneous events, without locks', () => {
    const fresh = (overrides: Record<string, unknown>) =>
      event({ version: '8.0.0', environment_name: 'dev', ...overrides });
    const rows = async () =>
      (await ctx.knex('deployments').select('id', 'status')).map(r => ({ ...r, id: Number(r.id) }));

    it('creates exactly one deployment from simultaneous first events with different statuses', async () => {
      const results = await Promise.all(
        Array.from({ length: 16 }, (_, i) => post(fresh({ status: i % 2 ? 'running' : 'created' }))),
      );
      // running may follow created; created after running is refused as going backwards.
      expect(results.every(r => [200, 201, 409].includes(r.status))).toBe(true);
      expect(results.filter(r => r.status === 201)).toHaveLength(1);
      expect(new Set(results.filter(r => r.status < 300).map(r => r.body.id)).size).toBe(1);
      expect(await rows()).toEqual([expect.objectContaining({ status: 'running' })]);
    });

    it('moves an open deployment on once when simultaneous events change it', async () => {
      const created = await post(fresh({ status: 'created' }));
      const results = await Promise.all(
        Array.from({ length: 12 }, () => post(fresh({ status: 'running' }))),
      );
      // The losers of the race find it running already: nothing more to change.
      expect(results.map(r => r.status)).toEqual(Array(12).fill(200));
      expect(new Set(results.map(r => r.body.id))).toEqual(new Set([created.body.id]));
      expect(await rows()).toEqual([
        expect.objectContaining({ id: created.body.id, status: 'running' }),
      ]);
    });

    it('points the matrix cell at the newest of simultaneous deployments', async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => post(fresh({ version: `8.0.${i}`, status: 'success' }))),
      );
      expect(results.map(r => r.status)).toEqual(Array(12).fill(201));
      const newest = Math.max(...results.map(r => r.body.id));
      const [cell] = await ctx.knex('deployment_cells').where({ environment: 'dev' });
      expect(Number(cell.latest_deployment_id)).toBe(newest);
      const matrix = await request(ctx.server).get('/api/deployments/matrix?product=payment-api').set(asUser);
      expect(matrix.body.rows[0].cells.dev.deploymentId).toBe(newest);
    });

    it('keeps one record and one key per request when keyed events race', async () => {
      const results = await Promise.all(
        ['created', 'running'].flatMap(status =>
          [1, 2, 3].map(() => post(fresh({ status }), { ...asCi, 'Idempotency-Key': status })),
        ),
      );
      // created after running is refused as going backwards (409); everything else is one deployment.
      expect(results.every(r => [200, 201, 409].includes(r.status))).toBe(true);
      expect(new Set(results.filter(r => r.status < 300).map(r => r.body.id)).size).toBe(1);
      expect(await rows()).toEqual([expect.objectContaining({ status: 'running' })]);
      const keys = await ctx.knex('idempotency_keys').select('deployment_id');
      expect(keys.length).toBeGreaterThanOrEqual(1);
      expect(keys.length).toBeLessThanOrEqual(2);
      expect(new Set(keys.map(k => Number(k.deployment_id))).size).toBe(1);
    });
  });

  it('tells a user their org roles and approval types', async () => {
    const res = await request(ctx.server).get('/api/deployments/me').set(asUser);
    expect(res.status).toBe(200);
    expect(res.body.userEntityRef).toBe(user.principal.userEntityRef);
  });
});
