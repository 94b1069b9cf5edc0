import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { backendPerTest } from '../__testUtils__/backendPerTest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import {
  as,
  asCi,
  startGovernedBackend,
  UserName,
  base,
} from '../__testUtils__/startGovernedBackend';

jest.setTimeout(120_000);

const draft = (overrides: Record<string, unknown> = {}) => ({
  title: 'Release payments 2.0',
  description: 'API and ledger ship together',
  environment: 'production',
  items: [
    { product: 'payment-api', version: '2.0.0' },
    { product: 'ledger-service', version: '5.1.0' },
  ],
  approvalSlots: [
    { approvalType: 'qa', requiredCount: 1 },
    { approvalType: 'security', requiredCount: 1 },
  ],
  preSteps: ['Run smoke tests'],
  postSteps: ['Check dashboards'],
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'deployment requests on %p',
  databaseId => {
    const ctx = backendPerTest(() => startGovernedBackend(databaseId));

    const api = () => request(ctx.server);
    const create = async (
      user: UserName,
      body: object = draft(),
      submit = true,
    ) => {
      const res = await api()
        .post(`${base}/requests`)
        .set(as(user))
        .send({ ...body, submit });
      expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
      return res.body;
    };
    const slotOf = (dr: any, type: string) =>
      dr.slots.find((s: any) => s.approvalType === type);
    const decide = (
      user: UserName,
      dr: any,
      type: string,
      decision = 'approve',
      comment?: string,
    ) =>
      api()
        .post(`${base}/requests/${dr.id}/slots/${slotOf(dr, type).id}/decision`)
        .set(as(user))
        .send({ decision, ...(comment ? { comment } : {}) });
    const count = async (table: string) =>
      Number((await ctx.knex(table).count({ c: '*' }))[0].c);

    it('creates a two-product draft, edits it, submits it and notifies the approvers', async () => {
      const dr = await create('devon', draft(), false);
      expect(dr).toMatchObject({
        state: 'draft',
        createdBy: 'user:default/devon',
      });
      expect(dr.items.map((i: any) => i.product)).toEqual([
        'component:default/payment-api',
        'component:default/ledger-service',
      ]);
      expect(dr.abilities).toMatchObject({
        edit: true,
        submit: true,
        cancel: true,
      });

      const edited = await api()
        .patch(`${base}/requests/${dr.id}`)
        .set(as('devon'))
        .send({ title: 'Release payments 2.0.1' });
      expect(edited.body.title).toBe('Release payments 2.0.1');

      // An empty edit changes nothing and leaves no `edited` entry behind.
      const auditOf = async () =>
        (await api().get(`${base}/requests/${dr.id}`).set(as('devon'))).body.audit;
      const auditBefore = await auditOf();
      const empty = await api().patch(`${base}/requests/${dr.id}`).set(as('devon')).send({});
      expect(empty.status).toBe(400);
      expect(empty.body.error.message).toMatch(/nothing to change/);
      expect(await auditOf()).toEqual(auditBefore);

      const submitted = await api()
        .post(`${base}/requests/${dr.id}/submit`)
        .set(as('devon'));
      expect(submitted.body.state).toBe('in_progress');
      expect(submitted.body.waitingOn).toEqual([
        { approvalType: 'qa', missing: 1 },
        { approvalType: 'security', missing: 1 },
      ]);
      const [sent] = ctx.notifications;
      expect(sent.recipients.entityRef).toEqual(
        expect.arrayContaining([
          'group:default/qa-team',
          'group:default/security-team',
        ]),
      );
      expect(sent.recipients.entityRef).not.toContain('group:default/viewers');
      expect(sent.recipients.excludeEntityRef).toBe('user:default/devon');
      expect(sent.payload).toMatchObject({
        link: `/deployment-requests/${dr.id}`,
        scope: `deployment-request-${dr.id}-approvers`,
      });

      const again = await api()
        .patch(`${base}/requests/${dr.id}`)
        .set(as('devon'))
        .send({ title: 'x' });
      expect(again.status).toBe(409);
      expect(ctx.signals.length).toBeGreaterThan(0);
    });

    it.each([
      [{ items: [] }, /items/],
      [
        { items: [{ product: 'no-such-thing', version: '1' }] },
        /items\[0\]\.product: unknown product/,
      ],
      [{ environment: 'mars' }, /environment: unknown environment 'mars'/],
      [
        { approvalSlots: [{ approvalType: 'vibes', requiredCount: 1 }] },
        /approvalType must be one of/,
      ],
      [
        { approvalSlots: [{ approvalType: 'qa', requiredCount: 0 }] },
        /requiredCount must be at least 1/,
      ],
      [{ title: '' }, /title is required/],
    ])(
      'refuses %o with a 400 naming the problem and writes nothing',
      async (override, message) => {
        const res = await api()
          .post(`${base}/requests`)
          .set(as('devon'))
          .send(draft(override));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        expect(await count('deployment_requests')).toBe(0);
      },
    );

    // The seed's role table: who may decide which approval type.
    it.each([
      ['quinn', 'qa'],
      ['quinn', 'performance'],
      ['sam', 'security'],
      ['pat', 'uat'],
      ['dana', 'code_review'],
      ['cora', 'compliance'],
      ['sasha', 'performance'],
      ['remy', 'security'],
      ['ada', 'compliance'],
    ] as Array<[UserName, string]>)(
      '%s may decide a %s slot (the seed role table)',
      async (user, type) => {
        const dr = await create(
          'devon',
          draft({ approvalSlots: [{ approvalType: type, requiredCount: 1 }] }),
        );
        const res = await decide(user, dr, type);
        expect(res.status).toBe(200);
        expect(res.body.state).toBe('approved');
      },
    );

    it.each([
      ['quinn', 'security'],
      ['sam', 'qa'],
      ['pat', 'code_review'],
      ['dana', 'qa'],
      ['sasha', 'qa'],
      ['bill', 'qa'],
      ['vic', 'uat'],
    ] as Array<[UserName, string]>)(
      '%s deciding a %s slot gets 403 and nothing is recorded',
      async (user, type) => {
        const dr = await create(
          'devon',
          draft({ approvalSlots: [{ approvalType: type, requiredCount: 1 }] }),
        );
        const res = await decide(user, dr, type);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(
          new RegExp(`deciding a ${type} slot needs the role`),
        );
        expect(await count('approval_decisions')).toBe(0);
      },
    );

    it('does not let the creator approve their own request unless the environment allows it', async () => {
      const dr = await create('remy', draft());
      const own = await decide('remy', dr, 'qa');
      expect(own.status).toBe(403);
      expect(own.body.error.message).toMatch(
        /creator of a deployment request cannot approve it/,
      );
      expect(
        (await api().get(`${base}/requests/${dr.id}`).set(as('remy'))).body
          .abilities.decide[slotOf(dr, 'qa').id],
      ).toMatch(/creator/);

      const inDev = await create('remy', draft({ environment: 'dev' }));
      expect((await decide('remy', inDev, 'qa')).status).toBe(200);
    });

    it('counts approvals to the quorum, refuses a second decision by the same user with 409', async () => {
      const dr = await create(
        'devon',
        draft({ approvalSlots: [{ approvalType: 'qa', requiredCount: 2 }] }),
      );
      const first = await decide(
        'quinn',
        dr,
        'qa',
        'approve',
        'tested on staging',
      );
      expect(first.body.state).toBe('in_progress');
      expect(first.body.waitingOn).toEqual([
        { approvalType: 'qa', missing: 1 },
      ]);
      const repeat = await decide('quinn', dr, 'qa');
      expect(repeat.status).toBe(409);
      expect(repeat.body.error.message).toMatch(/already decided/);
      const second = await decide('remy', dr, 'qa');
      expect(second.body.state).toBe('approved');
      expect(
        second.body.slots[0].decisions.map((d: any) => d.decidedBy),
      ).toEqual(['user:default/quinn', 'user:default/remy']);
      const audit = second.body.audit.map((e: any) => e.action);
      expect(audit).toEqual(
        expect.arrayContaining([
          'created',
          'submitted',
          'approved_slot',
          'slot_resolved',
          'state_changed',
        ]),
      );
      // The requester hears that the request is approved, and by which slot's decision.
      const toDevon = ctx.notifications.filter(
        n => n.recipients.entityRef[0] === 'user:default/devon',
      );
      expect(toDevon.map(n => n.payload.title)).toEqual(
        expect.arrayContaining([expect.stringMatching(/Deployment request approved/)]),
      );
      expect(toDevon.map(n => n.payload.description)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^remy approved the qa slot/)]),
      );
      expect(new Set(toDevon.map(n => n.payload.scope))).toEqual(
        new Set([`deployment-request-${dr.id}-requester`]),
      );
    });

    it('rejects the request on one rejection, keeps the comment, and clones it as a new draft', async () => {
      const dr = await create('devon');
      await decide('quinn', dr, 'qa');
      const rejected = await decide(
        'sam',
        dr,
        'security',
        'reject',
        'CVE-2026-1234 is not fixed',
      );
      expect(rejected.body.state).toBe('rejected');
      expect(slotOf(rejected.body, 'security').decisions[0].comment).toBe(
        'CVE-2026-1234 is not fixed',
      );
      expect((await decide('ada', dr, 'security')).status).toBe(409);

      const view = await api()
        .get(`${base}/requests/${dr.id}`)
        .set(as('devon'));
      expect(view.body.abilities.clone).toBe(true);
      const clone = await api()
        .post(`${base}/requests/${dr.id}/clone`)
        .set(as('devon'));
      expect(clone.status).toBe(201);
      expect(clone.body).toMatchObject({
        state: 'draft',
        clonedFromId: dr.id,
        title: dr.title,
      });
      expect(clone.body.slots.map((s: any) => s.state)).toEqual([
        'open',
        'open',
      ]);
    });

    it('refuses decisions on drafts and on canceled requests', async () => {
      const dr = await create('devon', draft(), false);
      expect((await decide('quinn', dr, 'qa')).status).toBe(409);
      expect(
        (await api().post(`${base}/requests/${dr.id}/cancel`).set(as('quinn')))
          .status,
      ).toBe(403);
      expect(
        (await api().post(`${base}/requests/${dr.id}/cancel`).set(as('devon')))
          .body.state,
      ).toBe('canceled');
      expect(
        (await api().post(`${base}/requests/${dr.id}/submit`).set(as('devon')))
          .status,
      ).toBe(409);
    });

    it('counts simultaneous decisions exactly once, with one state change', async () => {
      const dr = await create(
        'devon',
        draft({ approvalSlots: [{ approvalType: 'qa', requiredCount: 2 }] }),
      );
      const results = await Promise.all(
        (['quinn', 'remy', 'ada'] as UserName[]).map(user =>
          decide(user, dr, 'qa'),
        ),
      );
      expect(results.map(r => r.status).sort()).toEqual([200, 200, 409]);
      expect(await count('approval_decisions')).toBe(2);
      const changes = await ctx
        .knex('audit_events')
        .where({ subject_id: dr.id, action: 'state_changed' });
      expect(changes).toHaveLength(1);
      expect(JSON.parse(changes[0].after)).toEqual({ state: 'approved' });
    });

    it('gates deployments on approval and pre-steps, and completes the request when done', async () => {
      const dr = await create('devon');
      const event = (product: string, version: string, status: string) =>
        api().post(`${base}/deployments`).set(asCi).send({
          product_name: product,
          version,
          environment_name: 'production',
          status,
          deployment_request_id: dr.id,
          deployed_by: 'alice-from-the-pipeline',
        });

      const early = await event('payment-api', '2.0.0', 'started');
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(
        /in progress; deployments need it approved/,
      );

      await decide('quinn', dr, 'qa');
      await decide('sam', dr, 'security');
      const noSteps = await event('payment-api', '2.0.0', 'started');
      expect(noSteps.status).toBe(409);
      expect(noSteps.body.error.message).toMatch(
        /pre-deployment steps.*Run smoke tests/,
      );

      const [pre, post] = (
        await api().get(`${base}/requests/${dr.id}`).set(as('devon'))
      ).body.steps;
      const wrongStep = await api()
        .post(`${base}/requests/${dr.id}/steps/999999/complete`)
        .set(as('devon'))
        .send({});
      expect(wrongStep.status).toBe(404);
      expect(
        (
          await api()
            .post(`${base}/requests/${dr.id}/steps/${pre.id}/complete`)
            .set(as('vic'))
            .send({})
        ).status,
      ).toBe(403);
      const ticked = await api()
        .post(`${base}/requests/${dr.id}/steps/${pre.id}/complete`)
        .set(as('devon'))
        .send({ note: 'all green' });
      expect(ticked.body.steps[0]).toMatchObject({
        completedBy: 'user:default/devon',
        note: 'all green',
      });

      const wrongItem = await event('payment-api', '9.9.9', 'started');
      expect(wrongItem.status).toBe(400);
      expect((await event('payment-api', '2.0.0', 'started')).status).toBe(201);
      expect((await event('payment-api', '2.0.0', 'completed')).status).toBe(
        200,
      );
      const ledger = await event('ledger-service', '5.1.0', 'completed');
      expect(ledger.body.deployment_request_id).toBe(dr.id);

      const notYet = await api()
        .post(`${base}/requests/${dr.id}/complete`)
        .set(as('devon'));
      expect(notYet.status).toBe(409);
      expect(notYet.body.error.message).toMatch(/Check dashboards/);

      const done = await api()
        .post(`${base}/requests/${dr.id}/steps/${post.id}/complete`)
        .set(as('devon'))
        .send({});
      expect(done.body.state).toBe('completed');
      expect(
        done.body.progress.rows.map((r: any) => r.cells.production.state),
      ).toEqual(['deployed', 'deployed']);
      // The audit actor is the caller (the CI service), not the deployed_by it reports.
      const recorded = done.body.audit.filter(
        (e: any) => e.action === 'deployment_recorded',
      );
      expect(recorded.length).toBeGreaterThan(0);
      expect(new Set(recorded.map((e: any) => e.actor))).toEqual(new Set(['external:test-service']));
      expect(done.body.audit.at(-1)).toMatchObject({ action: 'state_changed' });
    });

    it('holds a deployment that names no request to the open request that lists it', async () => {
      const dr = await create('devon');
      const event = (version: string) =>
        api().post(`${base}/deployments`).set(asCi).send({
          product_name: 'payment-api',
          version,
          environment_name: 'production',
          status: 'started',
        });

      const early = await event('2.0.0');
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(
        new RegExp(`deployment request ${dr.id} is in progress`),
      );
      expect(await count('deployments')).toBe(0);

      await decide('quinn', dr, 'qa');
      await decide('sam', dr, 'security');
      expect((await event('2.0.0')).status).toBe(409);
      const [pre] = (
        await api().get(`${base}/requests/${dr.id}`).set(as('devon'))
      ).body.steps;
      await api()
        .post(`${base}/requests/${dr.id}/steps/${pre.id}/complete`)
        .set(as('devon'))
        .send({});

      const linked = await event('2.0.0');
      expect(linked.status).toBe(201);
      expect(linked.body.deployment_request_id).toBe(dr.id);
      // Another version is not what the request is about.
      const other = await event('2.0.1');
      expect(other.status).toBe(201);
      expect(other.body.deployment_request_id).toBeNull();
    });

    it('lists the tasks of each person and the requests they can approve', async () => {
      const dr = await create('devon');
      const quinnTasks = await api().get(`${base}/tasks`).set(as('quinn'));
      expect(quinnTasks.body.counts).toMatchObject({ approvals: 1, steps: 0 });
      expect(quinnTasks.body.tasks[0]).toMatchObject({
        kind: 'approval',
        slot: { approvalType: 'qa' },
        request: { id: dr.id },
      });
      const devonTasks = await api()
        .get(`${base}/tasks?product=payment-api`)
        .set(as('devon'));
      expect(devonTasks.body.tasks.map((t: any) => t.kind)).toEqual(['step']);
      const vicTasks = await api().get(`${base}/tasks`).set(as('vic'));
      expect(vicTasks.body.counts.total).toBe(0);

      const approvable = await api()
        .get(`${base}/requests?approvable=true`)
        .set(as('sam'));
      expect(approvable.body.map((r: any) => r.id)).toEqual([dr.id]);
      await decide('quinn', dr, 'qa');
      const after = await api().get(`${base}/tasks`).set(as('quinn'));
      expect(after.body.counts.approvals).toBe(0);
      const mine = await api()
        .get(`${base}/requests?mine=true&product=ledger-service`)
        .set(as('devon'));
      expect(mine.headers['x-total']).toBe('1');
    });

    it("lists a system's requests and tasks: those of its components", async () => {
      const payments = await create('devon');
      const storefront = await create(
        'sasha',
        draft({ title: 'Storefront 3.1', items: [{ product: 'storefront-web', version: '3.1.0' }] }),
      );
      const ids = (res: request.Response) => res.body.map((r: any) => r.id);
      const requestsOf = (system: string) =>
        api().get(`${base}/requests?product=system:default/${system}`).set(as('quinn'));
      expect(ids(await requestsOf('payments'))).toEqual([payments.id]);
      expect(ids(await requestsOf('storefront'))).toEqual([storefront.id]);

      const tasksOf = async (system: string) => {
        const res = await api().get(`${base}/tasks?product=system:default/${system}`).set(as('quinn'));
        expect(res.status).toBe(200);
        return res.body.tasks.map((t: any) => [t.kind, t.request.id]);
      };
      expect(await tasksOf('payments')).toEqual([['approval', payments.id]]);
      expect(await tasksOf('storefront')).toEqual([['approval', storefront.id]]);

      const unknown = await api().get(`${base}/tasks?product=system:default/mars`).set(as('quinn'));
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.message).toMatch(/no System system:default\/mars/);
    });

    it('lets admins and release managers manage templates, nobody else', async () => {
      const template = {
        name: 'Production release',
        description: 'QA and security sign-off',
        environments: ['production'],
        approvalSlots: [{ approvalType: 'qa', requiredCount: 1 }],
        preSteps: ['Freeze the schema'],
        postSteps: [],
      };
      expect(
        (await api().post(`${base}/templates`).set(as('devon')).send(template))
          .status,
      ).toBe(403);
      const created = await api()
        .post(`${base}/templates`)
        .set(as('remy'))
        .send(template);
      expect(created.status).toBe(201);
      expect(
        (await api().post(`${base}/templates`).set(as('ada')).send(template))
          .status,
      ).toBe(409);
      const bad = await api()
        .post(`${base}/templates`)
        .set(as('ada'))
        .send({ ...template, name: 'x', environments: ['mars'] });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /environments: unknown environment 'mars' — known environments: dev, staging, production/,
      );
      const list = await api().get(`${base}/templates`).set(as('vic'));
      expect(list.body.map((t: any) => t.name)).toEqual(['Production release']);

      const wrongEnv = await api()
        .post(`${base}/requests`)
        .set(as('devon'))
        .send(draft({ environment: 'staging', templateId: created.body.id }));
      expect(wrongEnv.status).toBe(400);
      expect(
        (
          await api()
            .delete(`${base}/templates/${created.body.id}`)
            .set(as('ada'))
        ).status,
      ).toBe(204);
    });

    it('names approval slots `slots` on the way in and out, and still accepts `approvalSlots`', async () => {
      const { approvalSlots, ...rest } = draft();
      const dr = await create('devon', { ...rest, slots: approvalSlots }, false);
      expect(dr.slots.map((s: any) => [s.approvalType, s.requiredCount])).toEqual([
        ['qa', 1],
        ['security', 1],
      ]);
      const edited = await api()
        .patch(`${base}/requests/${dr.id}`)
        .set(as('devon'))
        .send({ slots: [{ approvalType: 'uat', requiredCount: 2 }] });
      expect(edited.body.slots.map((s: any) => [s.approvalType, s.requiredCount])).toEqual([
        ['uat', 2],
      ]);
      // The old name is an alias of the new one, not a second field.
      const both = await api()
        .post(`${base}/requests`)
        .set(as('devon'))
        .send({ ...draft(), slots: approvalSlots });
      expect(both.status).toBe(400);
      expect(both.body.error.message).toMatch(/approvalSlots/);
      const twice = await api()
        .patch(`${base}/requests/${dr.id}`)
        .set(as('devon'))
        .send({ slots: [{ approvalType: 'qa' }, { approvalType: 'qa' }] });
      expect(twice.status).toBe(400);
      expect(twice.body.error.message).toMatch(/qa appears twice/);

      const template = await api()
        .post(`${base}/templates`)
        .set(as('remy'))
        .send({ name: 'Hotfix', approvalSlots: [{ approvalType: 'qa', requiredCount: 1 }] });
      expect(template.status).toBe(201);
      expect(template.body.slots).toEqual([{ approvalType: 'qa', requiredCount: 1 }]);
      expect(template.body).not.toHaveProperty('approvalSlots');
    });

    it('refuses request routes to CI tokens and anonymous callers', async () => {
      expect((await api().get(`${base}/requests`).set(asCi)).status).toBe(403);
      expect(
        (
          await api()
            .get(`${base}/requests`)
            .set('Authorization', mockCredentials.none.header())
        ).status,
      ).toBe(401);
    });
  },
);
