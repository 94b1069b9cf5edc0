import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { backendPerTest } from '../__testUtils__/backendPerTest';
import {
  databases,
  startDeploymentsBackend,
} from '../__testUtils__/startDeploymentsBackend';
import {
  as,
  asCi,
  base,
  startGovernedBackend,
  UserName,
} from '../__testUtils__/startGovernedBackend';

jest.setTimeout(120_000);

const draft = (overrides: Record<string, unknown> = {}) => ({
  title: 'Release payments 2.0',
  environment: 'production',
  items: [{ product: 'payment-api', version: '2.0.0' }],
  approvalSlots: [{ approvalType: 'qa', requiredCount: 1 }],
  preSteps: [{ title: 'Scale up the cluster', role: 'sre' }, 'Run smoke tests'],
  postSteps: [],
  ...overrides,
});

describe.each(databases.eachSupportedId())('separation of duties on %p', databaseId => {
  describe('with the shipped policy', () => {
    const ctx = backendPerTest(() => startGovernedBackend(databaseId));
    const api = () => request(ctx.server);
    const create = async (user: UserName, body: object = draft(), submit = true) => {
      const res = await api()
        .post(`${base}/requests`)
        .set(as(user))
        .send({ ...body, submit });
      expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
      return res.body;
    };
    const completeStep = (user: UserName, dr: any, title: string) =>
      api()
        .post(`${base}/requests/${dr.id}/steps/${dr.steps.find((s: any) => s.title === title).id}/complete`)
        .set(as(user))
        .send({});
    const event = (body: Record<string, unknown> = {}) =>
      api()
        .post(`${base}/deployments`)
        .set(asCi)
        .send({
          product_name: 'payment-api',
          version: '2.0.0',
          environment_name: 'production',
          status: 'started',
          ...body,
        });

    it('lets only the named role complete a step, and the requester or a release manager an unassigned one', async () => {
      const dr = await create('devon');
      expect(dr.steps.map((s: any) => [s.title, s.role])).toEqual([
        ['Scale up the cluster', 'sre'],
        ['Run smoke tests', null],
      ]);
      // The page says who may, as the server does.
      const seenByQuinn = (await api().get(`${base}/requests/${dr.id}`).set(as('quinn'))).body;
      const sreStep = dr.steps[0].id;
      const smokeStep = dr.steps[1].id;
      expect(seenByQuinn.abilities.completeStep[sreStep]).toMatch(/sre role/);
      expect(seenByQuinn.abilities.completeStep[smokeStep]).toMatch(/names no role/);

      // quinn (qa, may complete steps) ticks neither another role's step nor another's request's.
      expect((await completeStep('quinn', dr, 'Scale up the cluster')).status).toBe(403);
      expect((await completeStep('quinn', dr, 'Run smoke tests')).status).toBe(403);
      // devon, the requester, is not sre either.
      expect((await completeStep('devon', dr, 'Scale up the cluster')).status).toBe(403);
      expect(await ctx.knex('deployment_request_steps').whereNotNull('completed_at')).toHaveLength(0);

      expect((await completeStep('sasha', dr, 'Scale up the cluster')).status).toBe(200);
      expect((await completeStep('remy', dr, 'Run smoke tests')).status).toBe(200);

      // My Tasks: steps go to who may complete them.
      const other = await create('devon');
      const stepsFor = async (user: UserName) =>
        (await api().get(`${base}/tasks`).set(as(user))).body.tasks
          .filter((t: any) => t.kind === 'step' && t.request.id === other.id)
          .map((t: any) => t.step.title);
      expect(await stepsFor('sasha')).toEqual(['Scale up the cluster']);
      expect(await stepsFor('devon')).toEqual(['Run smoke tests']);
      expect(await stepsFor('quinn')).toEqual([]);
    });

    it('refuses an edit that repeats an approval type (400), as create does', async () => {
      const dr = await create('devon', draft(), false);
      const twice = [
        { approvalType: 'qa', requiredCount: 1 },
        { approvalType: 'qa', requiredCount: 2 },
      ];
      const edited = await api()
        .patch(`${base}/requests/${dr.id}`)
        .set(as('devon'))
        .send({ slots: twice });
      expect(edited.status).toBe(400);
      expect(edited.body.error.message).toMatch(/qa/);
      const created = await api()
        .post(`${base}/requests`)
        .set(as('devon'))
        .send({ ...draft(), approvalSlots: twice });
      expect(created.status).toBe(400);
      const slots = (await api().get(`${base}/requests/${dr.id}`).set(as('devon'))).body.slots;
      expect(slots.map((s: any) => s.approvalType)).toEqual(['qa']);
    });

    it('offers and allows clone in the same states: rejected and canceled', async () => {
      const rejected = await create('devon', draft({ preSteps: [] }));
      await api()
        .post(`${base}/requests/${rejected.id}/slots/${rejected.slots[0].id}/decision`)
        .set(as('quinn'))
        .send({ decision: 'reject', comment: 'no' });
      const canceled = await create('devon', draft({ preSteps: [] }), false);
      await api().post(`${base}/requests/${canceled.id}/cancel`).set(as('devon'));
      const inProgress = await create('devon', draft({ preSteps: [] }));
      const draftOnly = await create('devon', draft({ preSteps: [] }), false);
      for (const [dr, cloneable] of [
        [rejected, true],
        [canceled, true],
        [inProgress, false],
        [draftOnly, false],
      ] as const) {
        const page = (await api().get(`${base}/requests/${dr.id}`).set(as('devon'))).body;
        const clone = await api().post(`${base}/requests/${dr.id}/clone`).set(as('devon'));
        expect([page.state, page.abilities.clone, clone.status]).toEqual([
          page.state,
          cloneable,
          cloneable ? 201 : 409,
        ]);
      }
    });

    it("holds CI events that name no request only to requests by the product's owners, release managers or admins", async () => {
      // dana is a developer outside team-payments: her request does not hold its CI.
      const outsider = await create('dana');
      expect(outsider.abilities).toBeDefined();
      const free = await event({ version: '2.0.0' });
      expect([free.status, free.body.deployment_request_id]).toEqual([201, null]);
      // Named explicitly, it gates as any request does.
      const named = await event({ version: '2.0.0', deployment_request_id: outsider.id });
      expect(named.status).toBe(409);

      // devon is in team-payments, remy a release manager: their requests hold it.
      for (const user of ['devon', 'remy'] as const) {
        const owned = await create(user, draft({ items: [{ product: 'payment-api', version: `3.0.${user.length}` }] }));
        const held = await event({ version: `3.0.${user.length}` });
        expect([user, held.status, held.body.error?.message]).toEqual([
          user,
          409,
          expect.stringContaining(`deployment request ${owned.id}`),
        ]);
      }
      // A request listing a product its writer's team does not own gates no unnamed event.
      const mixed = await create(
        'devon',
        draft({
          items: [
            { product: 'payment-api', version: '4.0.0' },
            { product: 'storefront-web', version: '4.0.0' },
          ],
        }),
      );
      expect((await event({ version: '4.0.0' })).body.deployment_request_id).toBeNull();
      expect(mixed.id).toBeGreaterThan(0);
    });
  });

  describe('with a policy that allows everything', () => {
    it('still refuses the requester their own approval (the engine, not the policy)', async () => {
      const ctx = await startDeploymentsBackend(databaseId, { permission: AuthorizeResult.ALLOW });
      try {
        const api = () => request(ctx.server);
        const created = await api()
          .post(`${base}/requests`)
          .set(as('devon'))
          .send({ ...draft({ preSteps: [] }), submit: true });
        expect(created.status).toBe(201);
        const slot = created.body.slots[0].id;
        const own = await api()
          .post(`${base}/requests/${created.body.id}/slots/${slot}/decision`)
          .set(as('devon'))
          .send({ decision: 'approve' });
        expect(own.status).toBe(403);
        expect(own.body.error.message).toMatch(/requester cannot approve their own request/);
        expect(await ctx.knex('approval_decisions')).toHaveLength(0);
        const other = await api()
          .post(`${base}/requests/${created.body.id}/slots/${slot}/decision`)
          .set(as('quinn'))
          .send({ decision: 'approve' });
        expect(other.status).toBe(200);
      } finally {
        await ctx.stop();
      }
    });
  });
});
