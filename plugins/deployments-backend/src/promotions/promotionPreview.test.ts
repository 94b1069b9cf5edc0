import request from 'supertest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { as, startGovernedBackend } from '../__testUtils__/startGovernedBackend';

jest.setTimeout(120_000);

const base = '/api/deployments/products/payment-api';

describe.each(databases.eachSupportedId())('promotion preview on %p', databaseId => {
  let ctx: Awaited<ReturnType<typeof startGovernedBackend>>;
  beforeAll(async () => {
    ctx = await startGovernedBackend(databaseId);
    const api = request(ctx.server);
    await api
      .put(`${base}/promotion/pipeline`)
      .set(as('ada'))
      .send({
        stages: [{ environment: 'dev' }, { environment: 'staging' }, { environment: 'production' }],
        transitions: [
          { from: 'dev', to: 'staging', requiredApprovals: 0 },
          { from: 'staging', to: 'production', requiredApprovals: 2, soakMinutes: 60 },
        ],
      })
      .expect(200);
    await api
      .put(`${base}/environments/staging/config`)
      .set(as('ada'))
      .send({ version: '2.1.0', variables: { REPLICA_COUNT: '5', LOG_LEVEL: 'info', NEW_FLAG: 'on' } })
      .expect(200);
    await api
      .put(`${base}/environments/production/config`)
      .set(as('ada'))
      .send({ version: '2.0.5', variables: { REPLICA_COUNT: '3', LOG_LEVEL: 'info', OLD: 'x' } })
      .expect(200);
  });
  afterAll(async () => {
    await ctx.stop();
  });
  const preview = (body: object) =>
    request(ctx.server).post(`${base}/promotion/preview`).set(as('devon')).send(body);

  it("answers the seed's diff: versions, variables, change count, soak", async () => {
    const res = await preview({ source: 'staging', target: 'production' });
    expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
    expect(res.body).toMatchObject({
      product: 'component:default/payment-api',
      source: 'staging',
      target: 'production',
      requiredApprovals: 2,
      workloads: { 'payment-api': { version: { source: '2.1.0', target: '2.0.5', action: 'update' } } },
      variables: {
        REPLICA_COUNT: { source: '5', target: '3', action: 'update', conflict: false },
        LOG_LEVEL: { source: 'info', target: 'info', action: 'no_change' },
        NEW_FLAG: { source: 'on', target: null, action: 'add' },
        OLD: { source: null, target: 'x', action: 'remove' },
      },
      conflicts: [],
      changes: { workloads: 1, variables: 3, bindings: 0, total: 4 },
      soak: { requiredMinutes: 60, elapsedMinutes: 0, remainingMinutes: 60, satisfied: false },
    });
  });

  it('says nothing changes when the target already matches', async () => {
    const res = await preview({ source: 'dev', target: 'staging' });
    expect(res.body.workloads['payment-api'].version).toEqual({
      source: null,
      target: '2.1.0',
      action: 'no_change',
    });
    expect(res.body.soak).toMatchObject({ requiredMinutes: 0, satisfied: true });
  });

  it.each([
    [{ source: 'production', target: 'staging' }, 400, 'invalid stage transition'],
    [{ source: 'dev', target: 'production' }, 400, 'invalid stage transition'],
    [{ source: 'mars', target: 'staging' }, 400, "source: unknown environment 'mars'"],
    [{ source: 'dev' }, 400, 'target'],
  ])('refuses %p with %p %p', async (body, status, message) => {
    const res = await preview(body);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toContain(message);
  });

  it('refuses an unknown product', async () => {
    const res = await request(ctx.server)
      .post('/api/deployments/products/nope/promotion/preview')
      .set(as('devon'))
      .send({ source: 'dev', target: 'staging' });
    expect([res.status, res.body.error.message]).toEqual([400, expect.stringContaining("unknown product 'nope'")]);
  });
});
