import request from 'supertest';
import { backendPerTest } from '../__testUtils__/backendPerTest';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import {
  as,
  asCi,
  base,
  startGovernedBackend,
  UserName,
} from '../__testUtils__/startGovernedBackend';

jest.setTimeout(120_000);

const prodRule = (overrides: Record<string, unknown> = {}) => ({
  name: 'Production needs a request',
  match: { tiers: ['production'] },
  requireApprovedRequest: true,
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'deployment rules on %p',
  databaseId => {
    const ctx = backendPerTest(() => startGovernedBackend(databaseId));

    const api = () => request(ctx.server);
    const createRule = async (body: object) => {
      const res = await api().post(`${base}/rules`).set(as('ada')).send(body);
      expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
      return res.body;
    };
    const count = async (table: string) =>
      Number((await ctx.knex(table).count({ c: '*' }))[0].c);
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
    const evaluate = (body: Record<string, unknown> = {}) =>
      api()
        .post(`${base}/rules/evaluate`)
        .set(as('ada'))
        .send({
          product: 'payment-api',
          version: '2.0.0',
          environment: 'production',
          ...body,
        });
    const createRequest = async (
      body: Record<string, unknown> = {},
      submit = true,
    ) => {
      const res = await api()
        .post(`${base}/requests`)
        .set(as('devon'))
        .send({
          title: 'Release payments 2.0',
          environment: 'production',
          items: [{ product: 'payment-api', version: '2.0.0' }],
          slots: [{ approvalType: 'qa', requiredCount: 1 }],
          submit,
          ...body,
        });
      expect([res.status, res.body.error?.message]).toEqual([201, undefined]);
      return res.body;
    };
    const decide = (user: UserName, dr: any, type: string) =>
      api()
        .post(
          `${base}/requests/${dr.id}/slots/${
            dr.slots.find((s: any) => s.approvalType === type).id
          }/decision`,
        )
        .set(as(user))
        .send({ decision: 'approve' });

    it('creates, lists, reads, updates and deletes a rule, auditing each change', async () => {
      const created = await createRule(
        prodRule({
          match: { tiers: ['production'], products: ['payment-api'] },
        }),
      );
      expect(created).toMatchObject({
        id: expect.any(Number),
        name: 'Production needs a request',
        enabled: true,
        match: {
          environments: [],
          tiers: ['production'],
          products: ['component:default/payment-api'],
        },
        requireApprovedRequest: true,
        requiredApprovals: [],
        approvalOrder: [],
        createdBy: 'user:default/ada',
      });
      expect(
        (await api().get(`${base}/rules`).set(as('ada'))).body.map(
          (r: any) => r.id,
        ),
      ).toEqual([created.id]);
      expect(
        (await api().get(`${base}/rules/${created.id}`).set(as('ada'))).body
          .name,
      ).toBe(created.name);

      const updated = await api()
        .put(`${base}/rules/${created.id}`)
        .set(as('ada'))
        .send(
          prodRule({
            enabled: false,
            requiredApprovals: [{ approvalType: 'security', count: 2 }],
          }),
        );
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({
        enabled: false,
        requiredApprovals: [{ approvalType: 'security', count: 2 }],
      });

      expect(
        (await api().delete(`${base}/rules/${created.id}`).set(as('ada')))
          .status,
      ).toBe(204);
      const gone = await api()
        .get(`${base}/rules/${created.id}`)
        .set(as('ada'));
      expect([gone.status, gone.body.error.message]).toEqual([
        404,
        'rule not found',
      ]);
      expect(
        (
          await api()
            .put(`${base}/rules/${created.id}`)
            .set(as('ada'))
            .send(prodRule())
        ).status,
      ).toBe(404);
      expect(
        (await api().delete(`${base}/rules/${created.id}`).set(as('ada')))
          .status,
      ).toBe(404);

      const audit = await ctx
        .knex('audit_events')
        .where({ subject_type: 'deployment_rule' })
        .orderBy('id');
      expect(audit.map(a => [Number(a.subject_id), a.action, a.actor])).toEqual(
        [
          [created.id, 'created', 'user:default/ada'],
          [created.id, 'updated', 'user:default/ada'],
          [created.id, 'deleted', 'user:default/ada'],
        ],
      );
    });

    it.each([
      [
        { match: { environments: ['moon', 'production'] } },
        /match\.environments: unknown environment 'moon'/,
      ],
      [
        { match: { tiers: ['prod', 'production', 'edge'] } },
        /unknown tiers prod, edge/,
      ],
      [
        { requiredApprovals: [{ approvalType: 'vibes', count: 1 }] },
        /unknown approval types vibes/,
      ],
      [
        { approvalOrder: ['qa', 'astrology'] },
        /unknown approval types astrology/,
      ],
      [{ approvalOrder: ['qa', 'qa'] }, /qa appears twice/],
      [
        { requiredApprovals: [{ approvalType: 'qa', count: 0 }] },
        /count must be at least 1/,
      ],
      [{ name: '' }, /name is required/],
      [
        { requireApprovedRequest: false },
        /at least one of requireApprovedRequest, requiredApprovals, approvalOrder/,
      ],
      [{ match: { products: ['group:default/x'] } }, /match\.products/],
      [{ colour: 'red' }, /colour/],
    ])(
      'refuses %j with 400 naming the problem, writing nothing',
      async (overrides, message) => {
        const res = await api()
          .post(`${base}/rules`)
          .set(as('ada'))
          .send(prodRule(overrides));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        expect(await count('deployment_rules')).toBe(0);
        expect(await count('audit_events')).toBe(0);
      },
    );

    it('refuses people without the manage-rules permission (403), writing nothing', async () => {
      const rule = await createRule(prodRule());
      for (const user of ['remy', 'vic', 'devon'] as const) {
        expect((await api().get(`${base}/rules`).set(as(user))).status).toBe(
          403,
        );
        expect(
          (await api().post(`${base}/rules`).set(as(user)).send(prodRule()))
            .status,
        ).toBe(403);
        expect(
          (
            await api()
              .put(`${base}/rules/${rule.id}`)
              .set(as(user))
              .send(prodRule({ enabled: false }))
          ).status,
        ).toBe(403);
        expect(
          (await api().delete(`${base}/rules/${rule.id}`).set(as(user))).status,
        ).toBe(403);
        expect((await evaluate().set(as(user))).status).toBe(403);
      }
      expect(
        (await api().get(`${base}/rules/${rule.id}`).set(as('ada'))).body
          .enabled,
      ).toBe(true);
      expect(await count('deployment_rules')).toBe(1);
    });

    it('blocks a deployment with no approved request, naming the rule, until an approved request covers it', async () => {
      await createRule(prodRule());
      const blocked = await event();
      expect(blocked.status).toBe(201);
      expect(blocked.body.status).toBe('blocked');
      expect(blocked.body.blocked_reason).toBe(
        'rule "Production needs a request" requires an approved deployment request for payment-api 2.0.0 ' +
          'to production; create one at /deployment-requests/new?product=component%3Adefault%2Fpayment-api',
      );
      // Other tiers are not its business; disabled rules block nothing.
      expect((await event({ environment_name: 'staging' })).body.status).toBe(
        'running',
      );

      const dr = await createRequest();
      expect((await decide('quinn', dr, 'qa')).status).toBe(200);
      const proceeds = await event();
      expect(proceeds.status).toBe(200);
      expect([
        proceeds.body.status,
        proceeds.body.deployment_request_id,
        proceeds.body.blocked_reason,
      ]).toEqual(['running', dr.id, null]);
    });

    it('lets a disabled rule block nothing', async () => {
      await createRule(prodRule({ enabled: false }));
      expect((await event()).body.status).toBe('running');
    });

    it('dry-runs every gate without writing: block, then refuse while frozen, then allow once approved', async () => {
      const rule = await createRule(
        prodRule({
          requiredApprovals: [{ approvalType: 'security', count: 1 }],
        }),
      );
      await createRule({
        name: 'Staging only',
        match: { environments: ['staging'] },
        requireApprovedRequest: true,
      });

      const blocked = await evaluate();
      expect(blocked.status).toBe(200);
      expect(blocked.body).toEqual({
        decision: 'block',
        rules: [
          {
            id: rule.id,
            name: 'Production needs a request',
            effects: [
              {
                kind: 'require_approved_request',
                satisfied: false,
                deploymentRequestId: null,
              },
              {
                kind: 'required_approvals',
                approvals: [{ approvalType: 'security', count: 1 }],
              },
            ],
          },
        ],
        reasons: [
          expect.stringMatching(
            /^rule "Production needs a request" requires an approved deployment request/,
          ),
        ],
        gates: [
          { name: 'freeze', decision: 'allow', reason: null },
          { name: 'protection', decision: 'allow', reason: null },
          { name: 'deployment-request', decision: 'allow', reason: null },
          { name: 'rules', decision: 'block', reason: expect.any(String) },
          { name: 'environment-config', decision: 'allow', reason: null },
        ],
      });

      const freeze = await api()
        .post(`${base}/environments/production/freezes`)
        .set(as('ada'))
        .send({
          start: new Date(Date.now() - 60_000).toISOString(),
          end: new Date(Date.now() + 3600_000).toISOString(),
          reason: 'audit week',
        });
      expect(freeze.status).toBe(201);
      const refused = (await evaluate()).body;
      expect(refused.decision).toBe('refuse');
      expect(refused.gates[0]).toMatchObject({
        name: 'freeze',
        decision: 'refuse',
        status: 423,
      });
      expect(refused.reasons).toEqual([
        expect.stringMatching(/^environment is frozen/),
        expect.stringMatching(/^rule /),
      ]);
      await api()
        .delete(`${base}/environments/production/freezes/${freeze.body.id}`)
        .set(as('ada'));

      const dr = await createRequest();
      expect((await decide('quinn', dr, 'qa')).status).toBe(200);
      expect((await decide('sam', dr, 'security')).status).toBe(200);
      const allowed = (await evaluate()).body;
      expect(allowed.decision).toBe('allow');
      expect(allowed.rules[0].effects[0]).toEqual({
        kind: 'require_approved_request',
        satisfied: true,
        deploymentRequestId: dr.id,
      });
      expect(await count('deployments')).toBe(0);

      const bad = await evaluate({ environment: 'moon' });
      expect([bad.status, bad.body.error.message]).toEqual([
        400,
        expect.stringMatching(/^environment: unknown environment 'moon'/),
      ]);
      expect((await evaluate({ version: undefined })).status).toBe(400);
    });

    it('adds rule slots to requests for matching environments, which an edit cannot remove', async () => {
      await createRule({
        name: 'Security signs production',
        match: { environments: ['production'] },
        requiredApprovals: [{ approvalType: 'security', count: 1 }],
      });
      const dr = await createRequest({ slots: [] }, false);
      expect(
        dr.slots.map((s: any) => [
          s.approvalType,
          s.requiredCount,
          s.fromRule?.name,
        ]),
      ).toEqual([['security', 1, 'Security signs production']]);
      const edited = await api()
        .patch(`${base}/requests/${dr.id}`)
        .set(as('devon'))
        .send({ slots: [] });
      expect(edited.status).toBe(200);
      expect(edited.body.slots.map((s: any) => s.approvalType)).toEqual([
        'security',
      ]);
      const submitted = await api()
        .post(`${base}/requests/${dr.id}/submit`)
        .set(as('devon'));
      // A request asking for no approval would be approved at once; the rule's slot holds it.
      expect([submitted.status, submitted.body.state]).toEqual([
        200,
        'in_progress',
      ]);

      // Staging is not matched: its requests keep what they ask for.
      const staging = await createRequest({
        environment: 'staging',
        slots: [],
      });
      expect([staging.state, staging.slots]).toEqual(['approved', []]);
    });

    it('adds the slots of rules created after the draft when it is submitted', async () => {
      const dr = await createRequest({}, false);
      await createRule({
        name: 'QA twice',
        match: { tiers: ['production'] },
        requiredApprovals: [{ approvalType: 'qa', count: 2 }],
      });
      const submitted = (
        await api().post(`${base}/requests/${dr.id}/submit`).set(as('devon'))
      ).body;
      expect(
        submitted.slots.map((s: any) => [
          s.approvalType,
          s.requiredCount,
          s.fromRule?.name,
        ]),
      ).toEqual([['qa', 2, 'QA twice']]);
    });

    it("refuses to submit a request with fewer approvals in total than its environment's minimum (400)", async () => {
      const env = await api()
        .put(`${base}/environments/production`)
        .set(as('ada'))
        .send({ requiredApprovals: 2 });
      expect(env.status).toBe(200);
      const dr = await createRequest({}, false);
      const refused = await api()
        .post(`${base}/requests/${dr.id}/submit`)
        .set(as('devon'));
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(
        /production needs at least 2 required approvals in total .* this request has 1/,
      );
      expect(
        (await api().get(`${base}/requests/${dr.id}`).set(as('devon'))).body
          .state,
      ).toBe('draft');
      const createdSubmitted = await api()
        .post(`${base}/requests`)
        .set(as('devon'))
        .send({
          title: 't',
          environment: 'production',
          items: [{ product: 'payment-api', version: '2.0.1' }],
          submit: true,
        });
      expect(createdSubmitted.status).toBe(400);
      expect(await count('deployment_requests')).toBe(1);

      // Rule slots count towards the minimum.
      await createRule({
        name: 'Security too',
        match: { tiers: ['production'] },
        requiredApprovals: [{ approvalType: 'security', count: 1 }],
      });
      const ok = await api()
        .post(`${base}/requests/${dr.id}/submit`)
        .set(as('devon'));
      expect([ok.status, ok.body.state]).toEqual([200, 'in_progress']);
    });

    it('refuses a later slot of an approval order with 409 until the earlier one is approved', async () => {
      await createRule({
        name: 'QA before security',
        match: { tiers: ['production'] },
        approvalOrder: ['qa', 'security'],
      });
      const dr = await createRequest({
        slots: [
          { approvalType: 'security', requiredCount: 1 },
          { approvalType: 'qa', requiredCount: 1 },
        ],
      });
      // The page says why, and My Tasks offers it only once it may be decided.
      const page = (await api().get(`${base}/requests/${dr.id}`).set(as('sam'))).body;
      const securitySlot = dr.slots.find((s: any) => s.approvalType === 'security');
      expect(page.abilities.decide[securitySlot.id]).toBe(
        'Waits for the qa approval first (approval order)',
      );
      const samTasks = async () =>
        (await api().get(`${base}/tasks`).set(as('sam'))).body.tasks.filter(
          (t: any) => t.request?.id === dr.id,
        );
      expect(await samTasks()).toEqual([]);
      const early = await decide('sam', dr, 'security');
      expect(early.status).toBe(409);
      expect(early.body.error.message).toMatch(
        /the qa approval \(slot \d+\) must be approved first: an approval order puts it before security/,
      );
      expect(await count('approval_decisions')).toBe(0);
      expect((await decide('quinn', dr, 'qa')).status).toBe(200);
      expect(await samTasks()).toHaveLength(1);
      const later = await decide('sam', dr, 'security');
      expect([later.status, later.body.state]).toEqual([200, 'approved']);
    });
    it('stores a rule at its longest, and the slots it adds, on both databases', async () => {
      const name = 'R'.repeat(200);
      const rule = await createRule({
        name,
        match: {
          environments: ['production'],
          tiers: ['production', 'staging'],
          products: Array.from(
            { length: 100 },
            (_, i) => `component:default/${'p'.repeat(200)}-${i}`,
          )
            .concat([])
            .slice(0, 99)
            .concat(['payment-api']),
        },
        requireApprovedRequest: true,
        requiredApprovals: [
          { approvalType: 'qa', count: 20 },
          { approvalType: 'security', count: 1 },
        ],
        approvalOrder: [
          'code_review',
          'qa',
          'security',
          'uat',
          'compliance',
          'performance',
        ],
      });
      expect(rule.name).toBe(name);
      const dr = await createRequest({ slots: [] });
      expect(
        dr.slots.map((s: any) => [
          s.approvalType,
          s.requiredCount,
          s.fromRule.name,
          s.orderRank,
        ]),
      ).toEqual([
        ['qa', 20, name, 1],
        ['security', 1, name, 2],
      ]);
      expect(
        (await event({ version: 'v'.repeat(255) })).body.blocked_reason,
      ).toContain('R'.repeat(200));
    });
  },
);
