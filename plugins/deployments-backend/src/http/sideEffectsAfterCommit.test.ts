import request from 'supertest';
import { backendPerTest } from '../__testUtils__/backendPerTest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { as, asCi, startGovernedBackend, base } from '../__testUtils__/startGovernedBackend';

/*
 * One transaction per change, with its audit entries; what follows the commit (signals,
 * notifications) never fails the call. With both services throwing, every write still
 * answers 2xx and its data and audit trail are committed.
 */

jest.setTimeout(120_000);

/** A request for one qa approval, submitted at once. */
const release = {
  title: 'Release',
  environment: 'production',
  items: [{ product: 'payment-api', version: '2.0.0' }],
  slots: [{ approvalType: 'qa', requiredCount: 1 }],
  preSteps: ['Smoke test'],
  submit: true,
};

describe.each(databases.eachSupportedId())('side effects after the commit on %p', databaseId => {
  const ctx = backendPerTest(() => startGovernedBackend(databaseId, { failingSideEffects: true }));
  const api = () => request(ctx.server);
  const ok = (res: request.Response, status: number) => {
    expect([res.status, res.body?.error?.message]).toEqual([status, undefined]);
    return res.body;
  };

  it('answers every write with 2xx and commits it when signals and notifications fail', async () => {
    const dr = ok(await api().post(`${base}/requests`).set(as('devon')).send(release), 201);
    expect(dr.state).toBe('in_progress');
    expect(dr.audit.map((e: any) => e.action)).toEqual(['created', 'submitted']);
    ok(
      await api()
        .post(`${base}/requests/${dr.id}/slots/${dr.slots[0].id}/decision`)
        .set(as('quinn'))
        .send({ decision: 'approve' }),
      200,
    );
    ok(await api().post(`${base}/requests/${dr.id}/steps/${dr.steps[0].id}/complete`).set(as('devon')).send({}), 200);
    const event = (status: string) =>
      api().post(`${base}/deployments`).set(asCi).send({
        product_name: 'payment-api',
        version: '2.0.0',
        environment_name: 'production',
        status,
        deployment_request_id: dr.id,
      });
    ok(await event('running'), 201);
    ok(await event('success'), 200);
    const other = ok(
      await api()
        .post(`${base}/deployments`)
        .set(asCi)
        .send({ product_name: 'ledger-service', version: '1', environment_name: 'dev', status: 'running' }),
      201,
    );
    ok(await api().put(`${base}/deployments/${other.id}`).set(asCi).send({ status: 'success' }), 200);
    const done = ok(await api().get(`${base}/requests/${dr.id}`).set(as('devon')), 200);
    expect(done.state).toBe('completed');
    expect(done.audit.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['approved_slot', 'step_completed', 'deployment_recorded', 'state_changed']),
    );

    const draft = ok(
      await api().post(`${base}/requests`).set(as('devon')).send({
        title: 'Another',
        environment: 'dev',
        items: [{ product: 'ledger-service', version: '1' }],
      }),
      201,
    );
    ok(await api().post(`${base}/requests/${draft.id}/cancel`).set(as('devon')), 200);
    expect(ctx.signals.length).toBeGreaterThan(0);
    expect(ctx.notifications.length).toBeGreaterThan(0);
  });
});

describe.each(databases.eachSupportedId())('a stopping backend on %p', databaseId => {
  it('sends what it queued before the plugins shut down, when the notifications backend would refuse', async () => {
    const backend = await startGovernedBackend(databaseId, { slowSideEffectsMs: 100 });
    const res = await request(backend.server).post(`${base}/requests`).set(as('devon')).send(release);
    expect(res.status).toBe(201);
    // Answered; the approvers' notification and the signal are still queued.
    expect([backend.notifications.length, backend.signals.length]).toEqual([0, 0]);
    await backend.stop();
    expect(backend.notifications.map(n => n.payload.title)).toEqual(['Approval needed: Release']);
    expect(backend.signals).toHaveLength(1);
  });
});
