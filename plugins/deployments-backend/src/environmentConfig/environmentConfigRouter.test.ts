import request from 'supertest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { as, asCi, base, startGovernedBackend } from '../__testUtils__/startGovernedBackend';

jest.setTimeout(120_000);

const config = (env: string, product = 'payment-api') =>
  `${base}/products/${product}/environments/${env}/config`;

describe.each(databases.eachSupportedId())('environment configuration on %p', databaseId => {
  let ctx: Awaited<ReturnType<typeof startGovernedBackend>>;
  beforeAll(async () => {
    ctx = await startGovernedBackend(databaseId);
  });
  afterAll(async () => {
    await ctx.stop();
  });
  const api = () => request(ctx.server);
  const count = async (table: string) =>
    Number((await ctx.knex(table).count({ c: '*' }))[0].c);

  it('is empty until written, then keeps each change in its history', async () => {
    const empty = await api().get(config('staging')).set(as('vic'));
    expect(empty.body).toMatchObject({ version: null, variables: {}, revision: 0 });

    const put = await api()
      .put(config('staging'))
      .set(as('remy'))
      .send({ version: '2.1.0', variables: { REPLICA_COUNT: '5' } });
    expect([put.status, put.body.error?.message]).toEqual([200, undefined]);
    expect(put.body).toMatchObject({
      product: 'component:default/payment-api',
      environment: 'staging',
      version: '2.1.0',
      variables: { REPLICA_COUNT: '5' },
      revision: 1,
      updatedBy: 'user:default/remy',
    });
    // Without a version the live version stays; the same contents again change nothing.
    await api().put(config('staging')).set(as('olive')).send({ variables: { REPLICA_COUNT: '6' } }).expect(200);
    await api().put(config('staging')).set(as('olive')).send({ variables: { REPLICA_COUNT: '6' } }).expect(200);

    const history = await api().get(`${config('staging')}/history?per_page=1`).set(as('vic'));
    expect(history.headers['x-total']).toBe('2');
    expect(history.headers['x-next-page']).toBe('2');
    expect(history.body).toEqual([
      expect.objectContaining({ revision: 2, version: '2.1.0', variables: { REPLICA_COUNT: '6' }, source: 'manual', changedBy: 'user:default/olive' }),
    ]);

    const all = await api().get(`${base}/products/payment-api/environments/config`).set(as('olive'));
    expect(all.body.canManage).toBe(true);
    expect(all.body.environments.map((e: any) => [e.environment, e.version])).toEqual([
      ['dev', null],
      ['staging', '2.1.0'],
      ['production', null],
    ]);
  });

  it('takes the version of a successful deployment record', async () => {
    const post = (status: string, version: string) =>
      api().post(`${base}/deployments`).set(asCi).send({
        product_name: 'ledger-service',
        version,
        environment_name: 'dev',
        status,
      });
    await post('running', '5.0.0').expect(201);
    expect((await api().get(config('dev', 'ledger-service')).set(as('vic'))).body.version).toBeNull();
    await post('success', '5.0.0').expect(200);
    await post('failed', '5.0.1').expect(201);
    const after = await api().get(config('dev', 'ledger-service')).set(as('vic'));
    expect(after.body).toMatchObject({ version: '5.0.0', revision: 1 });
    const [change] = (await api().get(`${config('dev', 'ledger-service')}/history`).set(as('vic'))).body;
    expect(change).toMatchObject({ source: 'deployment', version: '5.0.0' });
    expect(change.deploymentId).toEqual(expect.any(Number));
  });

  it('keeps the variables when a deployment moves the version, skips an unchanged version, and fits a 255-character one', async () => {
    await api().put(config('staging', 'ledger-service')).set(as('ada')).send({ version: '1.0.0', variables: { A: '1' } }).expect(200);
    const post = (version: string) =>
      api().post(`${base}/deployments`).set(asCi).send({
        product_name: 'ledger-service',
        version,
        environment_name: 'staging',
        status: 'success',
      });
    await post('1.0.0').expect(201); // the version live there already: no new revision
    expect((await api().get(config('staging', 'ledger-service')).set(as('vic'))).body).toMatchObject({ revision: 1 });
    const long = `2.0.0-${'x'.repeat(249)}`;
    await post(long).expect(201);
    const after = await api().get(config('staging', 'ledger-service')).set(as('vic'));
    expect(after.body).toMatchObject({ version: long, variables: { A: '1' }, revision: 2 });
    // Simultaneous events queue on the row: every revision is written once, in order.
    await Promise.all(['3.0.0', '3.0.1', '3.0.2'].map(v => post(v).expect(201)));
    const history = (await api().get(`${config('staging', 'ledger-service')}/history`).set(as('vic'))).body;
    expect(history.map((c: any) => c.revision)).toEqual([5, 4, 3, 2, 1]);
    expect(history.slice(0, 3).every((c: any) => c.source === 'deployment' && c.variables.A === '1')).toBe(true);
  });

  it.each([
    ['an unknown environment', 'mars', { variables: {} }, 400, "environment: unknown environment 'mars'"],
    ['too many variables', 'dev', { variables: Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`K${i}`, 'v'])) }, 400, 'at most 500 variables'],
    ['a value over 4 KB', 'dev', { variables: { BIG: 'x'.repeat(4097) } }, 400, 'the value of BIG is over 4096 bytes'],
    ['an unknown field', 'dev', { variables: {}, extra: 1 }, 400, 'extra'],
  ])('refuses %s and changes nothing', async (_name, env, body, status, message) => {
    const before = await count('environment_config_history');
    const res = await api().put(config(env, 'storefront-web')).set(as('ada')).send(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
    expect(await count('environment_config_history')).toBe(before);
  });

  it('refuses an unknown product and people who may not manage the product', async () => {
    const unknown = await api().put(config('dev', 'no-such')).set(as('ada')).send({ variables: {} });
    expect([unknown.status, unknown.body.error.message]).toEqual([400, expect.stringContaining("unknown product 'no-such'")]);
    const refused = await api().put(config('dev', 'storefront-web')).set(as('devon')).send({ variables: {} });
    expect(refused.status).toBe(403);
  });
});
