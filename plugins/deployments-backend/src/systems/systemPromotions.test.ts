import request from 'supertest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import {
  as,
  startGovernedBackend,
  UserName,
} from '../__testUtils__/startGovernedBackend';

jest.setTimeout(180_000);

const product = (name: string) => `/api/deployments/products/${encodeURIComponent(name)}`;
const PAYMENTS = 'system:default/payments';

describe.each(databases.eachSupportedId())('System products on %p', databaseId => {
  let ctx: Awaited<ReturnType<typeof startGovernedBackend>>;
  const api = () => request(ctx.server);
  const setConfig = (name: string, env: string, body: object) =>
    api().put(`${product(name)}/environments/${env}/config`).set(as('ada')).send(body);
  const configOf = async (name: string, env: string) =>
    (await api().get(`${product(name)}/environments/${env}/config`).set(as('vic')).expect(200)).body;
  const promote = (user: UserName, source: string, target: string, name = PAYMENTS) =>
    api().post(`${product(name)}/promotion/request`).set(as(user)).send({ source, target });
  /** The deployments whose metadata links them to the promotion, by component. */
  const deploymentsOf = async (promotionId: number) => {
    const rows = await ctx.knex('deployments').orderBy('product');
    return rows
      .filter(r => JSON.parse(r.extra_metadata ?? '{}').promotion_id === promotionId)
      .map(r => ({ product: r.product, version: r.version, environment: r.environment, status: r.status }));
  };

  beforeEach(async () => {
    ctx = await startGovernedBackend(databaseId);
    await api()
      .put(`${product(PAYMENTS)}/promotion/pipeline`)
      .set(as('ada'))
      .send({
        stages: [{ environment: 'dev' }, { environment: 'staging' }, { environment: 'production' }],
        transitions: [
          { from: 'dev', to: 'staging', requiredApprovals: 0 },
          { from: 'staging', to: 'production', requiredApprovals: 2 },
        ],
      })
      .expect(200);
    // dev runs a new payment-api; ledger-service is the same in dev and staging.
    await setConfig('payment-api', 'dev', { version: '2.0.0', variables: { OWN: 'kept' } }).expect(200);
    await setConfig('payment-api', 'staging', { version: '1.0.0', variables: { OWN: 'staging' } }).expect(200);
    await setConfig('ledger-service', 'dev', { version: '3.1.0' }).expect(200);
    await setConfig('ledger-service', 'staging', { version: '3.1.0' }).expect(200);
    await setConfig(PAYMENTS, 'dev', { variables: { REGION: 'eu', REPLICAS: '5' } }).expect(200);
    await setConfig(PAYMENTS, 'staging', { variables: { REPLICAS: '3' } }).expect(200);
  });
  afterEach(async () => {
    await ctx.stop();
  });

  it("answers a System's configuration as its variables plus each component's version", async () => {
    expect(await configOf(PAYMENTS, 'dev')).toMatchObject({
      product: PAYMENTS,
      environment: 'dev',
      version: null,
      variables: { REGION: 'eu', REPLICAS: '5' },
      workloads: {
        'ledger-service': { product: 'component:default/ledger-service', version: '3.1.0' },
        'payment-api': { product: 'component:default/payment-api', version: '2.0.0' },
      },
    });
    // A component's configuration has no workloads: existing clients see what they saw.
    expect(await configOf('payment-api', 'dev')).not.toHaveProperty('workloads');
    // The list for the Pipeline tab carries them too, empty environments included.
    const all = await api().get(`${product(PAYMENTS)}/environments/config`).set(as('olive')).expect(200);
    expect(all.body.canManage).toBe(true); // olive is in team-payments, the system's owner
    expect(all.body.environments.find((e: any) => e.environment === 'production').workloads).toEqual({
      'ledger-service': { product: 'component:default/ledger-service', version: null, versionSince: null },
      'payment-api': { product: 'component:default/payment-api', version: null, versionSince: null },
    });
  });

  it('moves a workload when a component is deployed', async () => {
    await api()
      .post('/api/deployments/deployments')
      .set(as('ada'))
      .send({ product_name: 'ledger-service', version: '3.2.0', environment_name: 'dev', status: 'success' })
      .expect(res => expect([res.status, res.body.error?.message]).toEqual([201, undefined]));
    expect((await configOf(PAYMENTS, 'dev')).workloads['ledger-service'].version).toBe('3.2.0');
  });

  it.each([
    ['a version of its own', PAYMENTS, { version: '1.0.0' }, 400, 'version: payments is a System'],
    ['an unknown system', 'system:default/nope', { variables: {} }, 400, "unknown product 'system:default/nope'"],
  ])('refuses %s, writing nothing', async (_name, name, body, status, message) => {
    const res = await setConfig(name, 'dev', body);
    expect([res.status, res.body.error?.message]).toEqual([status, expect.stringContaining(message)]);
    expect((await configOf(PAYMENTS, 'dev')).variables).toEqual({ REGION: 'eu', REPLICAS: '5' });
  });

  it("lets only the system's owners and the policy manage it", async () => {
    const res = await setConfig(PAYMENTS, 'dev', {});
    expect(res.status).toBe(200);
    const sasha = await api()
      .put(`${product(PAYMENTS)}/environments/dev/config`)
      .set(as('sasha'))
      .send({ variables: {} });
    expect(sasha.status).toBe(403);
  });

  it('previews per component version diff, the variable diff and the change count', async () => {
    const res = await api()
      .post(`${product(PAYMENTS)}/promotion/preview`)
      .set(as('vic'))
      .send({ source: 'dev', target: 'staging' });
    expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
    expect(res.body).toMatchObject({
      product: PAYMENTS,
      workloads: {
        'ledger-service': {
          product: 'component:default/ledger-service',
          version: { source: '3.1.0', target: '3.1.0', action: 'no_change' },
        },
        'payment-api': {
          product: 'component:default/payment-api',
          version: { source: '2.0.0', target: '1.0.0', action: 'update' },
        },
      },
      variables: {
        REGION: { source: 'eu', target: null, action: 'add' },
        REPLICAS: { source: '5', target: '3', action: 'update' },
      },
      changes: { workloads: 1, variables: 2, bindings: 0, total: 3 },
    });
    const invalid = await api()
      .post(`${product(PAYMENTS)}/promotion/preview`)
      .set(as('vic'))
      .send({ source: 'dev', target: 'production' });
    expect([invalid.status, invalid.body.error.message]).toEqual([400, 'invalid stage transition']);
  });

  it('flags a component changed in the target since the last promotion as a conflict', async () => {
    await promote('devon', 'dev', 'staging').expect(201);
    const preview = () =>
      api().post(`${product(PAYMENTS)}/promotion/preview`).set(as('vic')).send({ source: 'dev', target: 'staging' });
    expect((await preview()).body.conflicts).toEqual([]);
    await setConfig('ledger-service', 'staging', { version: '3.1.9' }).expect(200);
    expect((await preview()).body.conflicts).toEqual([
      {
        kind: 'target_changed_since_promotion',
        message: 'ledger-service changed in staging since its last promotion from dev (now 3.1.9)',
      },
    ]);
  });

  it('promotes all components together: one deployment per changed component, none for the others', async () => {
    const res = await promote('devon', 'dev', 'staging');
    expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
    expect(res.body).toMatchObject({ status: 'completed', product: PAYMENTS });
    expect(await deploymentsOf(res.body.id)).toEqual([
      { product: 'component:default/payment-api', version: '2.0.0', environment: 'staging', status: 'success' },
    ]);
    const staging = await configOf(PAYMENTS, 'staging');
    expect(staging.variables).toEqual({ REGION: 'eu', REPLICAS: '5' });
    expect(staging.workloads['payment-api'].version).toBe('2.0.0');
    expect(staging.workloads['ledger-service'].version).toBe('3.1.0');
    // A component keeps its own variables: the system's are the system's.
    expect((await configOf('payment-api', 'staging')).variables).toEqual({ OWN: 'staging' });
    const history = await api().get(`${product(PAYMENTS)}/promotions`).set(as('vic')).expect(200);
    expect(history.body.map((p: any) => p.id)).toEqual([res.body.id]);
  });

  it('holds a release for a manual target until "Deploy now" deploys every component', async () => {
    await setConfig('ledger-service', 'staging', { version: '3.2.0' }).expect(200);
    const res = await promote('devon', 'staging', 'production').expect(201);
    expect(res.body.preview.changes.workloads).toBe(2);
    await api().post(`/api/deployments/promotions/${res.body.id}/approve`).set(as('ada')).send({}).expect(200);
    const released = await api().post(`/api/deployments/promotions/${res.body.id}/approve`).set(as('olive')).send({});
    expect([released.status, released.body.status]).toEqual([200, 'pending_release']);
    expect((await deploymentsOf(res.body.id)).map(d => [d.product, d.version, d.status])).toEqual([
      ['component:default/ledger-service', '3.2.0', 'created'],
      ['component:default/payment-api', '1.0.0', 'created'],
    ]);
    const deployed = await api().post(`/api/deployments/promotions/${res.body.id}/deploy`).set(as('devon')).send({});
    expect([deployed.status, deployed.body.status]).toEqual([200, 'completed']);
    expect((await deploymentsOf(res.body.id)).map(d => d.status)).toEqual(['success', 'success']);
  });

  it('deploys each component once when "Deploy now" is tried again after a refusal', async () => {
    await setConfig('ledger-service', 'staging', { version: '3.2.0' }).expect(200);
    // An open deployment request for payment-api 1.0.0 in production holds that one back.
    const dr = await api()
      .post('/api/deployments/requests')
      .set(as('devon'))
      .send({
        title: 'Release payment-api',
        environment: 'production',
        items: [{ product: 'payment-api', version: '1.0.0' }],
        approvalSlots: [{ approvalType: 'qa', requiredCount: 1 }],
        submit: true,
      });
    expect([dr.status, dr.body.error?.message]).toEqual([201, undefined]);
    const res = await promote('devon', 'staging', 'production').expect(201);
    await api().post(`/api/deployments/promotions/${res.body.id}/approve`).set(as('ada')).send({}).expect(200);
    await api().post(`/api/deployments/promotions/${res.body.id}/approve`).set(as('olive')).send({}).expect(200);
    const deployNow = () => api().post(`/api/deployments/promotions/${res.body.id}/deploy`).set(as('devon')).send({});
    const refused = await deployNow();
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('deployments need it approved');
    await api().post(`/api/deployments/requests/${dr.body.id}/cancel`).set(as('devon')).send({}).expect(200);
    const deployed = await deployNow();
    expect([deployed.status, deployed.body.status]).toEqual([200, 'completed']);
    const successes = (await deploymentsOf(res.body.id)).filter(d => d.status === 'success');
    expect(successes.map(d => [d.product, d.version])).toEqual([
      ['component:default/ledger-service', '3.2.0'],
      ['component:default/payment-api', '1.0.0'],
    ]);
  });

  it('leaves the release pending while the target is frozen, and "Deploy now" answers 423', async () => {
    await api()
      .post('/api/deployments/environments/staging/freezes')
      .set(as('ada'))
      .send({
        start: new Date(Date.now() - 60_000).toISOString(),
        end: new Date(Date.now() + 3600_000).toISOString(),
        reason: 'Holidays',
      })
      .expect(201);
    const res = await promote('devon', 'dev', 'staging');
    expect([res.status, res.body.status]).toEqual([201, 'pending_release']);
    // The configuration moved (requests flow while frozen); no deployment went through.
    expect((await configOf(PAYMENTS, 'staging')).workloads['payment-api'].version).toBe('2.0.0');
    expect(await deploymentsOf(res.body.id)).toEqual([]);
    const refused = await api().post(`/api/deployments/promotions/${res.body.id}/deploy`).set(as('devon')).send({});
    expect([refused.status, refused.body.error?.message]).toEqual([423, expect.stringContaining('environment is frozen')]);
    const after = await api().get(`/api/deployments/promotions/${res.body.id}`).set(as('vic'));
    expect(after.body.status).toBe('pending_release');
  });

  it("puts a System's promotion in the My Tasks of the system's owners", async () => {
    await api()
      .put(`${product('system:default/storefront')}/promotion/pipeline`)
      .set(as('ada'))
      .send({
        stages: [{ environment: 'dev' }, { environment: 'staging' }],
        transitions: [{ from: 'dev', to: 'staging', requiredApprovals: 1 }],
      })
      .expect(200);
    await setConfig('storefront-web', 'dev', { version: '5.0.0' }).expect(200);
    const { body } = await promote('devon', 'dev', 'staging', 'system:default/storefront').expect(201);
    const tasksOf = async (user: UserName) =>
      (await api().get('/api/deployments/tasks').set(as(user)).expect(200)).body.tasks
        .filter((t: any) => t.kind === 'promotion')
        .map((t: any) => [t.promotion.product, t.promotion.abilities.approve]);
    // sasha is in team-storefront, which owns the storefront system; olive owns payments only.
    expect(await tasksOf('sasha')).toEqual([['system:default/storefront', true]]);
    expect(await tasksOf('olive')).toEqual([]);
    const approved = await api().post(`/api/deployments/promotions/${body.id}/approve`).set(as('sasha')).send({});
    expect([approved.status, approved.body.status]).toEqual([200, 'completed']);
    expect((await configOf('system:default/storefront', 'staging')).workloads['storefront-web'].version).toBe('5.0.0');
  });
});
