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

jest.setTimeout(180_000);

const event = (overrides: Record<string, unknown> = {}) => ({
  product_name: 'payment-api',
  version: '2.0.0',
  environment_name: 'production',
  status: 'running',
  deployed_by: 'devon',
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'protected environments on %p',
  databaseId => {
    const ctx = backendPerTest(() => startGovernedBackend(databaseId));
    const api = () => request(ctx.server);
    const protect = (protection: unknown, user: UserName = 'ada') =>
      api()
        .put(`${base}/environments/production`)
        .set(as(user))
        .send({ protection });
    const record = (overrides: Record<string, unknown> = {}) =>
      api().post(`${base}/deployments`).set(asCi).send(event(overrides));
    const decide = (
      user: UserName,
      id: number,
      body: Record<string, unknown>,
    ) =>
      api().post(`${base}/deployments/${id}/approval`).set(as(user)).send(body);
    const deploymentOf = async (id: number) =>
      (await api().get(`${base}/deployments/${id}`).set(as('vic'))).body;
    const ok = (res: request.Response, status: number) => {
      expect([res.status, res.body?.error?.message]).toEqual([
        status,
        undefined,
      ]);
      return res.body;
    };
    const refused = (
      res: request.Response,
      status: number,
      message: RegExp,
    ) => {
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
    };
    /** Protects production with these rules, records an event there, returns the deployment. */
    const blockedBy = async (
      approvalRules: object[],
      allowTriggererToApprove = false,
      by = 'devon',
    ) => {
      ok(await protect({ approvalRules, allowTriggererToApprove }), 200);
      return ok(await record({ deployed_by: by }), 201);
    };

    describe('PUT /environments/:name protection', () => {
      it('stores approval rules, returns them with GET /environments, and lifts them with null', async () => {
        const updated = ok(
          await protect({
            approvalRules: [
              { role: 'qa', requiredApprovals: 1 },
              { group: 'group:default/security-team', requiredApprovals: 2 },
              { user: 'user:default/remy', requiredApprovals: 1 },
            ],
          }),
          200,
        );
        const expected = {
          approvalRules: [
            { role: 'qa', requiredApprovals: 1 },
            { group: 'group:default/security-team', requiredApprovals: 2 },
            { user: 'user:default/remy', requiredApprovals: 1 },
          ],
          allowTriggererToApprove: false,
        };
        expect(updated.protection).toEqual(expected);
        const list = ok(
          await api().get(`${base}/environments`).set(as('vic')),
          200,
        );
        expect(
          list.find((e: any) => e.name === 'production').protection,
        ).toEqual(expected);
        expect(
          list.find((e: any) => e.name === 'staging').protection,
        ).toBeNull();

        ok(await protect(null), 200);
        const after = ok(
          await api().get(`${base}/environments`).set(as('vic')),
          200,
        );
        expect(
          after.find((e: any) => e.name === 'production').protection,
        ).toBeNull();
        expect(ok(await record(), 201).status).toBe('running');
      });

      it.each([
        [
          'two of role, group, user',
          {
            approvalRules: [
              {
                role: 'qa',
                group: 'group:default/qa-team',
                requiredApprovals: 1,
              },
            ],
          },
          /exactly one of role, group or user/,
        ],
        [
          'none of role, group, user',
          { approvalRules: [{ requiredApprovals: 1 }] },
          /exactly one of role, group or user/,
        ],
        [
          'requiredApprovals 0',
          { approvalRules: [{ role: 'qa', requiredApprovals: 0 }] },
          /requiredApprovals/,
        ],
        [
          'an unknown role',
          { approvalRules: [{ role: 'wizard', requiredApprovals: 1 }] },
          /role/,
        ],
        [
          'a group that is not an entity ref',
          { approvalRules: [{ group: 'qa-team', requiredApprovals: 1 }] },
          /group/,
        ],
        ['no rules', { approvalRules: [] }, /approvalRules/],
        [
          '21 rules',
          {
            approvalRules: Array.from({ length: 21 }, (_, i) => ({
              user: `user:default/u${i}`,
              requiredApprovals: 1,
            })),
          },
          /approvalRules/,
        ],
        [
          'two rules for one role',
          {
            approvalRules: [
              { role: 'qa', requiredApprovals: 1 },
              { role: 'qa', requiredApprovals: 2 },
            ],
          },
          /one rule only/,
        ],
        [
          'an unknown field',
          {
            approvalRules: [{ role: 'qa', requiredApprovals: 1 }],
            extra: true,
          },
          /extra/,
        ],
      ])(
        'refuses %s with 400 naming the field, and writes nothing',
        async (_label, protection, message) => {
          refused(await protect(protection), 400, message);
          const list = ok(
            await api().get(`${base}/environments`).set(as('vic')),
            200,
          );
          expect(
            list.find((e: any) => e.name === 'production').protection,
          ).toBeNull();
        },
      );

      it('lets only those who manage environments protect one (403)', async () => {
        refused(
          await protect(
            { approvalRules: [{ role: 'qa', requiredApprovals: 1 }] },
            'remy',
          ),
          403,
          /environment\.manage/,
        );
        const list = ok(
          await api().get(`${base}/environments`).set(as('vic')),
          200,
        );
        expect(
          list.find((e: any) => e.name === 'production').protection,
        ).toBeNull();
      });
    });

    it('records an event into a protected environment as blocked, in GitLab’s shape, and tells the approvers', async () => {
      const blocked = await blockedBy([
        { role: 'qa', requiredApprovals: 1 },
        { group: 'group:default/security-team', requiredApprovals: 2 },
      ]);
      expect(blocked).toMatchObject({
        status: 'blocked',
        blocked_reason:
          'waiting for approvals: 1 from qa, 2 from group:default/security-team',
        pending_approval_count: 3,
        approvals: [],
        approval_summary: {
          rules: [
            {
              user_id: null,
              group_id: null,
              access_level: 'qa',
              access_level_description: 'qa',
              required_approvals: 1,
              deployment_approvals: [],
            },
            {
              user_id: null,
              group_id: 'group:default/security-team',
              access_level: null,
              access_level_description: 'group:default/security-team',
              required_approvals: 2,
              deployment_approvals: [],
            },
          ],
        },
      });
      expect(await deploymentOf(blocked.id)).toMatchObject({
        status: 'blocked',
        pending_approval_count: 3,
      });
      const listed = ok(
        await api()
          .get(`${base}/deployments?environment=production`)
          .set(as('vic')),
        200,
      );
      expect(listed.find((d: any) => d.id === blocked.id)).toMatchObject({
        pending_approval_count: 3,
      });
      // Unprotected environments' deployments carry no approval fields.
      const staging = ok(await record({ environment_name: 'staging' }), 201);
      expect(staging.status).toBe('running');
      expect(staging).not.toHaveProperty('pending_approval_count');

      const sent = ctx.notifications.find(
        n => n.payload.scope === `deployment-${blocked.id}-approvers`,
      );
      expect(sent?.recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/qa-team', 'group:default/security-team'],
        excludeEntityRef: 'user:default/devon',
      });
    });

    it('refuses an event that would move a blocked deployment to running or success with 409', async () => {
      const blocked = await blockedBy([{ role: 'qa', requiredApprovals: 1 }]);
      refused(
        await record({ status: 'running' }),
        409,
        /is blocked, waiting for approvals: 1 from qa/,
      );
      refused(
        await record({ status: 'success' }),
        409,
        /waiting for approvals/,
      );
      refused(
        await api()
          .put(`${base}/deployments/${blocked.id}`)
          .set(asCi)
          .send({ status: 'running' }),
        409,
        /is blocked, waiting for approvals: 1 from qa/,
      );
      expect((await deploymentOf(blocked.id)).status).toBe('blocked');
      // CI may still give up on it.
      expect(ok(await record({ status: 'canceled' }), 200).status).toBe(
        'canceled',
      );
    });

    it('lets the deployments waiting on a protection go on when an admin lifts it, and tells their triggerers', async () => {
      const waiting = await blockedBy([{ role: 'qa', requiredApprovals: 1 }]);
      const approved = ok(
        await record({ deployed_by: 'devon', version: '2.0.1' }),
        201,
      );
      ok(await decide('quinn', approved.id, { status: 'approved' }), 201);
      const tasksOfQuinn = async () =>
        ok(await api().get(`${base}/tasks`).set(as('quinn')), 200).counts
          .deploymentApprovals;
      expect(await tasksOfQuinn()).toBe(1);

      ok(await protect(null), 200);
      expect(await deploymentOf(waiting.id)).toMatchObject({
        status: 'created',
        blocked_reason: null,
      });
      expect(await tasksOfQuinn()).toBe(0);
      refused(
        await decide('quinn', waiting.id, { status: 'approved' }),
        409,
        /not waiting/,
      );
      // CI may run it now.
      expect(ok(await record({ status: 'running' }), 200)).toMatchObject({
        id: waiting.id,
        status: 'running',
      });
      expect(
        ctx.notifications.find(
          n => n.payload.scope === `deployment-${waiting.id}-triggerer`,
        )?.payload.title,
      ).toMatch(
        /may run: user:default\/ada lifted the protection of production/,
      );
      // The one approved before was not touched again.
      expect((await deploymentOf(approved.id)).status).toBe('created');
      expect(
        ctx.notifications.filter(
          n => n.payload.scope === `deployment-${approved.id}-triggerer`,
        ),
      ).toHaveLength(1);
    });

    it('stops asking for approvals of a waiting deployment that CI fails or a person cancels', async () => {
      const pending = async () =>
        ok(await api().get(`${base}/tasks`).set(as('quinn')), 200).counts
          .deploymentApprovals;
      const failedByCi = await blockedBy([
        { role: 'qa', requiredApprovals: 1 },
      ]);
      expect(await pending()).toBe(1);
      expect(ok(await record({ status: 'failed' }), 200).status).toBe('failed');
      expect(await pending()).toBe(0);
      refused(
        await decide('quinn', failedByCi.id, { status: 'approved' }),
        409,
        /failed, not waiting/,
      );

      const canceledByHand = ok(
        await record({ deployed_by: 'devon', version: '2.0.1' }),
        201,
      );
      expect(await pending()).toBe(1);
      ok(
        await api()
          .put(`${base}/deployments/${canceledByHand.id}`)
          .set(asCi)
          .send({ status: 'canceled' }),
        200,
      );
      expect(await pending()).toBe(0);
      expect((await deploymentOf(canceledByHand.id)).status).toBe('canceled');
    });

    it('lets a deployment under way before the environment was protected finish', async () => {
      expect(ok(await record({ status: 'running' }), 201).status).toBe(
        'running',
      );
      ok(
        await protect({
          approvalRules: [{ role: 'qa', requiredApprovals: 1 }],
        }),
        200,
      );
      expect(ok(await record({ status: 'success' }), 200).status).toBe(
        'success',
      );
      // The next one waits.
      expect(ok(await record({ version: '2.0.1' }), 201).status).toBe(
        'blocked',
      );
    });

    it('does not let the triggerer approve (403) unless the environment allows it', async () => {
      const blocked = await blockedBy(
        [{ role: 'qa', requiredApprovals: 1 }],
        false,
        'quinn',
      );
      refused(
        await decide('quinn', blocked.id, { status: 'approved' }),
        403,
        /you triggered deployment/,
      );
      expect((await deploymentOf(blocked.id)).status).toBe('blocked');

      ok(
        await protect({
          approvalRules: [{ role: 'qa', requiredApprovals: 1 }],
          allowTriggererToApprove: true,
        }),
        200,
      );
      ok(await decide('quinn', blocked.id, { status: 'approved' }), 201);
      expect((await deploymentOf(blocked.id)).status).toBe('created');
    });

    it('counts a user once per deployment (409)', async () => {
      const blocked = await blockedBy([
        { group: 'group:default/team-payments', requiredApprovals: 2 },
      ]);
      const first = ok(
        await decide('quinn', blocked.id, {
          status: 'approved',
          comment: 'tested',
        }),
        201,
      );
      expect(first).toEqual({
        status: 'approved',
        comment: 'tested',
        user: expect.objectContaining({
          id: 'user:default/quinn',
          username: 'quinn',
        }),
        created_at: expect.any(String),
      });
      refused(
        await decide('quinn', blocked.id, { status: 'approved' }),
        409,
        /already decided/,
      );
      expect(await deploymentOf(blocked.id)).toMatchObject({
        status: 'blocked',
        pending_approval_count: 1,
      });
    });

    it('fails the deployment on a single rejection', async () => {
      const blocked = await blockedBy([
        { role: 'qa', requiredApprovals: 1 },
        { role: 'security', requiredApprovals: 1 },
      ]);
      const rejection = ok(
        await decide('sam', blocked.id, {
          status: 'rejected',
          comment: 'CVE open',
        }),
        201,
      );
      expect(rejection).toMatchObject({
        status: 'rejected',
        comment: 'CVE open',
      });
      expect(await deploymentOf(blocked.id)).toMatchObject({
        status: 'failed',
        blocked_reason: null,
        pending_approval_count: 0,
        approvals: [expect.objectContaining({ status: 'rejected' })],
      });
      refused(
        await decide('quinn', blocked.id, { status: 'approved' }),
        409,
        /failed, not waiting/,
      );
      expect(
        ctx.notifications.find(
          n => n.payload.scope === `deployment-${blocked.id}-triggerer`,
        )?.payload.title,
      ).toMatch(/rejected by user:default\/sam: CVE open/);
    });

    it('unblocks only when every one of several rules has its count, and tells the triggerer', async () => {
      const blocked = await blockedBy([
        { role: 'qa', requiredApprovals: 1 },
        { role: 'security', requiredApprovals: 1 },
      ]);
      ok(await decide('quinn', blocked.id, { status: 'approved' }), 201);
      expect(await deploymentOf(blocked.id)).toMatchObject({
        status: 'blocked',
        pending_approval_count: 1,
      });
      expect(
        ctx.notifications.some(
          n => n.payload.scope === `deployment-${blocked.id}-triggerer`,
        ),
      ).toBe(false);
      ok(await decide('sam', blocked.id, { status: 'approved' }), 201);
      const after = await deploymentOf(blocked.id);
      expect(after).toMatchObject({
        status: 'created',
        blocked_reason: null,
        pending_approval_count: 0,
      });
      expect(
        after.approval_summary.rules.map((r: any) =>
          r.deployment_approvals.map((a: any) => a.user.username),
        ),
      ).toEqual([['quinn'], ['sam']]);
      const told = ctx.notifications.find(
        n => n.payload.scope === `deployment-${blocked.id}-triggerer`,
      );
      expect(told?.recipients).toEqual({
        type: 'entity',
        entityRef: 'user:default/devon',
      });

      // Unblocked: CI's next event runs it, and then finishes it.
      expect(ok(await record({ status: 'running' }), 200).status).toBe(
        'running',
      );
      expect(ok(await record({ status: 'success' }), 200).status).toBe(
        'success',
      );
    });

    it('counts the decision for the rule named by represented_as, and refuses one the user does not match (400)', async () => {
      const blocked = await blockedBy([
        { role: 'qa', requiredApprovals: 1 },
        { group: 'group:default/team-payments', requiredApprovals: 1 },
      ]);
      refused(
        await decide('quinn', blocked.id, {
          status: 'approved',
          represented_as: 'security',
        }),
        400,
        /represented_as: you do not match the approval rule 'security'; you match qa, group:default\/team-payments/,
      );
      ok(
        await decide('quinn', blocked.id, {
          status: 'approved',
          represented_as: 'group:default/team-payments',
        }),
        201,
      );
      const after = await deploymentOf(blocked.id);
      expect(
        after.approval_summary.rules.map(
          (r: any) => r.deployment_approvals.length,
        ),
      ).toEqual([0, 1]);
      expect(after).toMatchObject({
        status: 'blocked',
        pending_approval_count: 1,
      });
    });

    it('refuses a caller who matches no rule (403), and a role the policy does not let approve (403)', async () => {
      const blocked = await blockedBy([{ role: 'qa', requiredApprovals: 1 }]);
      refused(
        await decide('sasha', blocked.id, { status: 'approved' }),
        403,
        /match none of the approval rules of production: qa/,
      );
      refused(
        await decide('vic', blocked.id, { status: 'approved' }),
        403,
        /deployment\.approve/,
      );
      refused(
        await decide('quinn', blocked.id, { status: 'maybe' }),
        400,
        /status/,
      );
      refused(
        await decide('quinn', 999_999, { status: 'approved' }),
        404,
        /not found/,
      );
      expect(await deploymentOf(blocked.id)).toMatchObject({
        status: 'blocked',
        approvals: [],
      });
    });

    it('lists a blocked deployment in My Tasks of those its rules name, not of its triggerer, until they decide', async () => {
      const blocked = await blockedBy([
        { role: 'qa', requiredApprovals: 1 },
        { group: 'group:default/team-payments', requiredApprovals: 1 },
      ]);
      const tasksOf = async (user: UserName, product?: string) =>
        ok(
          await api()
            .get(`${base}/tasks${product ? `?product=${product}` : ''}`)
            .set(as(user)),
          200,
        );
      const quinn = await tasksOf('quinn');
      expect(
        quinn.tasks.filter((t: any) => t.kind === 'deployment_approval'),
      ).toEqual([
        {
          kind: 'deployment_approval',
          deployment: expect.objectContaining({
            id: blocked.id,
            status: 'blocked',
            pending_approval_count: 2,
          }),
          matches: ['qa', 'group:default/team-payments'],
        },
      ]);
      expect(quinn.counts.deploymentApprovals).toBe(1);
      expect(
        (await tasksOf('quinn', 'storefront-web')).counts.deploymentApprovals,
      ).toBe(0);
      expect(
        (await tasksOf('quinn', 'payment-api')).counts.deploymentApprovals,
      ).toBe(1);
      // The triggerer (devon, in team-payments) and those no rule names see nothing.
      expect((await tasksOf('devon')).counts.deploymentApprovals).toBe(0);
      expect((await tasksOf('sasha')).counts.deploymentApprovals).toBe(0);

      ok(
        await decide('quinn', blocked.id, {
          status: 'approved',
          represented_as: 'qa',
        }),
        201,
      );
      expect((await tasksOf('quinn')).counts.deploymentApprovals).toBe(0);
      // olive has no org role: the group rule names her (team-payments), so she approves.
      expect((await tasksOf('olive')).counts.deploymentApprovals).toBe(1);
      ok(await decide('olive', blocked.id, { status: 'approved' }), 201);
      expect((await deploymentOf(blocked.id)).status).toBe('created');
      expect((await tasksOf('olive')).counts.deploymentApprovals).toBe(0);
    });

    it('unblocks exactly once when the last two approvals arrive together', async () => {
      const blocked = await blockedBy(
        [{ group: 'group:default/team-payments', requiredApprovals: 1 }],
        false,
        'ci-bot',
      );
      const answers = await Promise.all([
        decide('quinn', blocked.id, { status: 'approved' }),
        decide('devon', blocked.id, { status: 'approved' }),
      ]);
      expect(answers.map(a => a.status).sort()).toEqual([201, 409]);
      const after = await deploymentOf(blocked.id);
      expect(after).toMatchObject({
        status: 'created',
        pending_approval_count: 0,
      });
      expect(after.approvals).toHaveLength(1);
      const audit = await ctx
        .knex('audit_events')
        .where({ subject_type: 'deployment', subject_id: blocked.id });
      expect(audit).toHaveLength(1);
      expect(
        ctx.notifications.filter(
          n => n.payload.scope === `deployment-${blocked.id}-triggerer`,
        ),
      ).toHaveLength(1);
    });
  },
);
