import request from 'supertest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { as, startGovernedBackend } from '../__testUtils__/startGovernedBackend';

jest.setTimeout(120_000);

const path = (product = 'payment-api') =>
  `/api/deployments/products/${encodeURIComponent(product)}/promotion/pipeline`;

const valid = {
  stages: [
    { environment: 'dev', position: { x: 0, y: 0 } },
    { environment: 'staging', position: { x: 250, y: 0 } },
    { environment: 'production' },
  ],
  transitions: [
    { from: 'dev', to: 'staging', requiredApprovals: 0 },
    { from: 'staging', to: 'production', requiredApprovals: 2, soakMinutes: 30 },
  ],
};

describe.each(databases.eachSupportedId())('promotion pipelines on %p', databaseId => {
  let ctx: Awaited<ReturnType<typeof startGovernedBackend>>;
  beforeAll(async () => {
    ctx = await startGovernedBackend(databaseId);
  });
  afterAll(async () => {
    await ctx.stop();
  });
  const api = () => request(ctx.server);

  it('answers an empty pipeline until one is saved, then the saved one', async () => {
    const empty = await api().get(path('storefront-web')).set(as('vic'));
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      product: 'component:default/storefront-web',
      stages: [],
      transitions: [],
      updatedAt: null,
      updatedBy: null,
      canManage: false,
    });

    const saved = await api().put(path()).set(as('remy')).send(valid);
    expect([saved.status, saved.body.error?.message]).toEqual([200, undefined]);
    expect(saved.body).toMatchObject({
      product: 'component:default/payment-api',
      updatedBy: 'user:default/remy',
      canManage: true,
      stages: valid.stages,
      transitions: [
        { from: 'dev', to: 'staging', requiredApprovals: 0, soakMinutes: 0 },
        { from: 'staging', to: 'production', requiredApprovals: 2, soakMinutes: 30 },
      ],
    });
    const read = await api().get(path('component:default/payment-api')).set(as('vic'));
    expect(read.body).toEqual({ ...saved.body, canManage: false });
  });

  it.each([
    [
      'a cycle',
      { ...valid, transitions: [...valid.transitions, { from: 'production', to: 'dev', requiredApprovals: 0 }] },
      'the pipeline has a cycle: dev → staging → production → dev',
    ],
    [
      'an unknown environment',
      { stages: [...valid.stages, { environment: 'mars' }], transitions: valid.transitions },
      "stages[3].environment: unknown environment 'mars'",
    ],
    [
      'a transition between stages not in the pipeline',
      { stages: valid.stages.slice(0, 2), transitions: valid.transitions },
      "transitions[1].to: 'production' is not a stage of this pipeline",
    ],
    [
      'a duplicate edge',
      { ...valid, transitions: [...valid.transitions, { from: 'dev', to: 'staging', requiredApprovals: 1 }] },
      "transitions[2]: duplicate transition 'dev' → 'staging'",
    ],
    [
      'a self-loop',
      { ...valid, transitions: [{ from: 'dev', to: 'dev', requiredApprovals: 0 }] },
      "transitions[0]: 'dev' → 'dev' is a self-loop",
    ],
    [
      'a negative count',
      { ...valid, transitions: [{ from: 'dev', to: 'staging', requiredApprovals: -1 }] },
      'transitions[0].requiredApprovals',
    ],
    [
      'a negative soak time',
      { ...valid, transitions: [{ from: 'dev', to: 'staging', requiredApprovals: 0, soakMinutes: -5 }] },
      'transitions[0].soakMinutes',
    ],
    ['a missing list', { stages: valid.stages }, 'transitions'],
  ])('refuses %s with a 400 naming it, changing nothing', async (_name, body, message) => {
    const before = await api().get(path('ledger-service')).set(as('ada'));
    const res = await api().put(path('ledger-service')).set(as('ada')).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(message);
    const after = await api().get(path('ledger-service')).set(as('ada'));
    expect(after.body).toEqual(before.body);
  });

  it('refuses an unknown product with a 400 naming it', async () => {
    const res = await api().put(path('no-such-product')).set(as('ada')).send(valid);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("unknown product 'no-such-product'");
  });

  it('lets admins, release managers and the product owners manage it, and no one else', async () => {
    for (const user of ['ada', 'remy', 'olive'] as const) {
      const res = await api().put(path('ledger-service')).set(as(user)).send(valid);
      expect([user, res.status]).toEqual([user, 200]);
    }
    // devon and quinn are in team-payments, which owns ledger-service: owners may manage it.
    for (const user of ['vic', 'sasha'] as const) {
      const res = await api().put(path('ledger-service')).set(as(user)).send({ stages: [], transitions: [] });
      expect([user, res.status]).toEqual([user, 403]);
    }
    // olive owns the payments components, not the storefront.
    const elsewhere = await api().put(path('storefront-web')).set(as('olive')).send(valid);
    expect(elsewhere.status).toBe(403);
    const read = await api().get(path('ledger-service')).set(as('olive'));
    expect(read.body.canManage).toBe(true);
    expect(read.body.stages).toHaveLength(3);
  });

  it('replaces the whole graph on save, an empty one included', async () => {
    await api().put(path('storefront-web')).set(as('ada')).send(valid).expect(200);
    const emptied = await api()
      .put(path('storefront-web'))
      .set(as('ada'))
      .send({ stages: [{ environment: 'dev' }], transitions: [] });
    expect(emptied.body).toMatchObject({ stages: [{ environment: 'dev' }], transitions: [] });
    expect(Number((await ctx.knex('promotion_transitions').where({ product: 'component:default/storefront-web' }).count({ c: '*' }))[0].c)).toBe(0);
  });
});
