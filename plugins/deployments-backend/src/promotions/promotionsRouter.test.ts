import request from 'supertest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import {
  as,
  startGovernedBackend,
  UserName,
} from '../__testUtils__/startGovernedBackend';

jest.setTimeout(180_000);

const product = (name: string) => `/api/deployments/products/${name}`;

describe.each(databases.eachSupportedId())('promotions on %p', databaseId => {
  let ctx: Awaited<ReturnType<typeof startGovernedBackend>>;
  beforeEach(async () => {
    ctx = await startGovernedBackend(databaseId);
    const api = request(ctx.server);
    for (const name of ['payment-api', 'ledger-service']) {
      await api
        .put(`${product(name)}/promotion/pipeline`)
        .set(as('ada'))
        .send({
          stages: [{ environment: 'dev' }, { environment: 'staging' }, { environment: 'production' }],
          transitions: [
            { from: 'dev', to: 'staging', requiredApprovals: 0 },
            { from: 'staging', to: 'production', requiredApprovals: 2 },
          ],
        })
        .expect(200);
      await api
        .put(`${product(name)}/environments/dev/config`)
        .set(as('ada'))
        .send({ version: '2.1.0', variables: { REPLICA_COUNT: '5' } })
        .expect(200);
    }
  });
  afterEach(async () => {
    await ctx.stop();
  });
  const api = () => request(ctx.server);
  const promote = (user: UserName, source: string, target: string, name = 'payment-api') =>
    api().post(`${product(name)}/promotion/request`).set(as(user)).send({ source, target, notes: 'ship it' });
  const approve = (user: UserName, id: number) =>
    api().post(`/api/deployments/promotions/${id}/approve`).set(as(user)).send({ comment: 'ok' });
  const configOf = async (env: string, name = 'payment-api') =>
    (await api().get(`${product(name)}/environments/${env}/config`).set(as('vic'))).body;

  it('promotes dev → staging at once (0 approvals), then staging → production by quorum', async () => {
    const auto = await promote('devon', 'dev', 'staging');
    expect([auto.status, auto.body.error?.message]).toEqual([201, undefined]);
    expect(auto.body).toMatchObject({
      status: 'completed',
      source: 'dev',
      target: 'staging',
      requester: 'user:default/devon',
      requiredApprovals: 0,
      approvals: [],
      preview: { changes: { total: 2 } },
    });
    expect(await configOf('staging')).toMatchObject({ version: '2.1.0', variables: { REPLICA_COUNT: '5' } });
    const deployment = await api().get(`/api/deployments/deployments/${auto.body.deploymentId}`).set(as('vic'));
    expect(deployment.body).toMatchObject({ version: '2.1.0', environment: 'staging', status: 'success' });
    expect(deployment.body.extra_metadata).toMatchObject({ promotion_id: auto.body.id });

    const pending = await promote('devon', 'staging', 'production');
    expect(pending.status).toBe(201);
    expect(pending.body).toMatchObject({ status: 'pending_approval', requiredApprovals: 2 });
    const id = pending.body.id;
    await ctx.notifications.length; // approvers are notified after the answer
    await new Promise(r => setTimeout(r, 50));
    const asked = ctx.notifications.find(n => n.payload.scope === `promotion-${id}-approvers`);
    expect(asked.payload.title).toContain('staging → production');
    expect(asked.payload.description).toContain('ship it');
    expect(asked.recipients.entityRef).toEqual(
      expect.arrayContaining(['group:default/admins', 'group:default/release-managers', 'group:default/team-payments']),
    );

    expect((await approve('devon', id)).status).toBe(403); // the requester, and not an approver
    const first = await approve('remy', id);
    expect([first.status, first.body.status, first.body.approvals.length]).toEqual([200, 'pending_approval', 1]);
    const again = await approve('remy', id);
    expect([again.status, again.body.error.message]).toEqual([409, 'you have already approved this promotion']);
    expect((await approve('sasha', id)).status).toBe(403); // neither approver nor owner
    const second = await approve('olive', id);
    expect([second.status, second.body.error?.message]).toEqual([200, undefined]);
    // production deploys manually: released, waiting for "Deploy now".
    expect(second.body).toMatchObject({ status: 'pending_release' });
    expect(await configOf('production')).toMatchObject({ version: '2.1.0' });

    const deployed = await api().post(`/api/deployments/promotions/${id}/deploy`).set(as('remy')).send({});
    expect([deployed.status, deployed.body.status]).toEqual([200, 'completed']);
    expect(deployed.body.durationSeconds).toEqual(expect.any(Number));

    const history = await api().get(`${product('payment-api')}/promotions?environment=production`).set(as('vic'));
    expect(history.headers['x-total']).toBe('1');
    expect(history.body[0]).toMatchObject({ id, status: 'completed', approvals: [{ by: 'user:default/remy' }, { by: 'user:default/olive' }] });
    await new Promise(r => setTimeout(r, 50));
    expect(
      ctx.notifications.filter(n => n.payload.scope === `promotion-${id}-requester`).map(n => n.payload.title),
    ).toEqual([expect.stringContaining('waits for a deployment'), expect.stringContaining('completed')]);
  });

  it('puts a promotion in the My Tasks of those who may approve it, then of those who may deploy it', async () => {
    const tasksOf = async (user: UserName, query = '') => {
      const res = await api().get(`/api/deployments/tasks${query}`).set(as(user)).expect(200);
      return res.body.tasks
        .filter((t: any) => t.kind === 'promotion')
        .map((t: any) => [t.promotion.id, t.promotion.status, t.promotion.abilities]);
    };
    await promote('devon', 'dev', 'staging').expect(201); // staging runs 2.1.0 now
    const { body } = await promote('devon', 'staging', 'production').expect(201);
    const toApprove = [[body.id, 'pending_approval', { approve: true, reject: true, deploy: false }]];
    expect(await tasksOf('remy')).toEqual(toApprove); // release manager: every product
    expect(await tasksOf('olive')).toEqual(toApprove); // owns payment-api, no role
    expect(await tasksOf('devon')).toEqual([]); // the requester cannot approve it
    expect(await tasksOf('sasha')).toEqual([]); // neither approver nor owner
    expect(await tasksOf('vic')).toEqual([]);
    expect(await tasksOf('remy', '?product=ledger-service')).toEqual([]);
    const counted = await api().get('/api/deployments/tasks?product=payment-api').set(as('remy'));
    expect(counted.body.counts).toMatchObject({ promotions: 1, total: counted.body.tasks.length });

    await approve('remy', body.id).expect(200);
    expect(await tasksOf('remy')).toEqual([]); // decided already
    await approve('olive', body.id).expect(200);
    // Released into manual production: the requester and the approvers may deploy it.
    const toDeploy = [[body.id, 'pending_release', { approve: false, reject: false, deploy: true }]];
    expect(await tasksOf('devon')).toEqual(toDeploy);
    expect(await tasksOf('remy')).toEqual(toDeploy);
    expect(await tasksOf('sasha')).toEqual([]);
    await api().post(`/api/deployments/promotions/${body.id}/deploy`).set(as('devon')).send({}).expect(200);
    expect(await tasksOf('devon')).toEqual([]);
  });

  it('answers every error of the seed', async () => {
    expect((await promote('devon', 'production', 'dev')).body.error.message).toBe('invalid stage transition');
    const first = await promote('devon', 'staging', 'production');
    expect(first.status).toBe(201);
    const second = await promote('dana', 'staging', 'production');
    expect([second.status, second.body.error.message]).toEqual([409, 'promotion already in progress']);
    const missing = await api().get('/api/deployments/promotions/9999').set(as('vic'));
    expect([missing.status, missing.body.error.message]).toEqual([404, 'promotion not found']);
    expect((await approve('ada', 9999)).status).toBe(404);
    const noComment = await api().post(`/api/deployments/promotions/${first.body.id}/reject`).set(as('ada')).send({});
    expect([noComment.status, noComment.body.error.message]).toEqual([400, expect.stringContaining('comment is required to reject')]);
    const rejected = await api()
      .post(`/api/deployments/promotions/${first.body.id}/reject`)
      .set(as('ada'))
      .send({ comment: 'not this week' });
    expect([rejected.status, rejected.body.status]).toEqual([200, 'rejected']);
    expect((await approve('remy', first.body.id)).status).toBe(409);
    // Rejected, the target is free again.
    expect((await promote('dana', 'staging', 'production')).status).toBe(201);
    expect((await promote('vic', 'dev', 'staging')).status).toBe(403);
  });

  it('filters and pages the history', async () => {
    await promote('devon', 'dev', 'staging').expect(201);
    await promote('dana', 'dev', 'staging', 'payment-api').expect(201);
    const p = await promote('devon', 'staging', 'production');
    const page = await api().get(`${product('payment-api')}/promotions?per_page=2`).set(as('vic'));
    expect([page.headers['x-total'], page.headers['x-next-page'], page.body.length]).toEqual(['3', '2', 2]);
    const byRequester = await api()
      .get(`${product('payment-api')}/promotions?requester=user:default/dana`)
      .set(as('vic'));
    expect(byRequester.body.map((x: any) => x.requester)).toEqual(['user:default/dana']);
    const byStatus = await api().get(`${product('payment-api')}/promotions?status=pending_approval`).set(as('vic'));
    expect(byStatus.body.map((x: any) => x.id)).toEqual([p.body.id]);
    const future = await api().get(`${product('payment-api')}/promotions?from=2999-01-01T00:00:00Z`).set(as('vic'));
    expect(future.body).toEqual([]);
    const badEnv = await api().get(`${product('payment-api')}/promotions?environment=mars`).set(as('vic'));
    expect(badEnv.status).toBe(400);
  });

  it('executes once when the last two approvals arrive together', async () => {
    const pending = await promote('devon', 'dev', 'staging', 'ledger-service');
    // dev → staging needs none: use the 2-approval edge instead.
    expect(pending.body.status).toBe('completed');
    const p = await promote('devon', 'staging', 'production', 'ledger-service');
    await approve('ada', p.body.id).expect(200);
    const results = await Promise.all([approve('remy', p.body.id), approve('olive', p.body.id)]);
    expect(results.map(r => r.status).sort()).toEqual([200, 409]);
    const history = await ctx.knex('environment_config_history').where({
      product: 'component:default/ledger-service',
      environment: 'production',
      source: 'promotion',
    });
    expect(history).toHaveLength(1);
    const releases = await ctx.knex('deployments').where({ environment: 'production' });
    expect(releases.filter(r => JSON.stringify(r.extra_metadata ?? '').includes(`${p.body.id}`))).toHaveLength(1);
  });
});
