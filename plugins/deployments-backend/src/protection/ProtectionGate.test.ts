import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { ApprovalEngine } from '../approvals/ApprovalEngine';
import { KnexApprovalStore } from '../approvals/ApprovalStore';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { KnexEnvironmentStore } from '../environments/EnvironmentStore';
import { ProtectionGate } from './ProtectionGate';
import { ProtectionNotifier } from './ProtectionNotifier';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@shipgate/plugin-deployments-backend',
  'migrations',
);

describe.each(databases.eachSupportedId())(
  'the protection gate on %p',
  databaseId => {
    let knex: Knex;
    let gate: ProtectionGate;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory });
      const environments = new KnexEnvironmentStore(knex);
      await environments.seed([
        {
          name: 'staging',
          title: 'Staging',
          tier: 'staging',
          order: 1,
          deployPolicy: 'direct',
          requiredApprovals: 0,
          allowSelfApproval: false,
        },
        {
          name: 'production',
          title: 'Production',
          tier: 'production',
          order: 2,
          deployPolicy: 'manual',
          requiredApprovals: 0,
          allowSelfApproval: false,
        },
      ]);
      await environments.update(
        'production',
        {
          protection: {
            approvalRules: [{ role: 'qa', requiredApprovals: 2 }],
            allowTriggererToApprove: false,
          },
        },
        new Date().toISOString(),
      );
      const engine = new ApprovalEngine(
        new KnexApprovalStore(knex),
        environments,
        [],
      );
      const notifier = new ProtectionNotifier(
        { send: jest.fn() } as any,
        {} as any,
        mockServices.logger.mock(),
      );
      gate = new ProtectionGate(environments, engine, notifier);
    });
    afterEach(async () => {
      await knex.destroy();
    });

    const event = (environment: string) => ({
      product: 'component:default/payment-api',
      version: '1.0.0',
      environment,
      deployedBy: 'devon',
      deploymentRequestId: null,
    });

    it('answers a dry run (no context read) from the environment, and writes nothing', async () => {
      expect(await gate.check(event('production'))).toEqual({
        kind: 'block',
        reason: 'waiting for approvals: 2 from qa',
      });
      expect(await gate.check(event('staging'))).toEqual({ kind: 'allow' });
      expect(await gate.check(event('mars'))).toEqual({ kind: 'allow' });
      expect(
        Number((await knex('approval_subjects').count({ n: '*' }))[0].n),
      ).toBe(0);
    });

    it('trusts the protection ingestion read with the event, without reading it again', async () => {
      const protection = {
        approvalRules: [{ user: 'user:default/remy', requiredApprovals: 1 }],
        allowTriggererToApprove: false,
      };
      expect(await gate.check({ ...event('staging'), protection })).toEqual({
        kind: 'block',
        reason: 'waiting for approvals: 1 from user:default/remy',
      });
      expect(
        await gate.check({ ...event('production'), protection: null }),
      ).toEqual({ kind: 'allow' });
    });

    it('follows up what it holds: a deployment it blocks, and one given up while blocked', () => {
      const held = 'waiting for approvals: 2 from qa';
      const change = (status: string, from?: string, blockedReason: string | null = null) =>
        gate.followsUp({ deploymentRequestId: null, status, from, blockedReason } as any);
      expect(change('blocked', undefined, held)).toBe(true);
      expect(change('failed', 'blocked')).toBe(true);
      expect(change('canceled', 'blocked')).toBe(true);
      // Nothing of this gate's: no approval subject to close, so no transaction for it.
      expect(change('blocked', undefined, 'no approved deployment request (rule r)')).toBe(false);
      expect(change('failed', 'running')).toBe(false);
      expect(change('canceled', 'created')).toBe(false);
      expect(change('failed')).toBe(false);
      expect(change('success', 'blocked')).toBe(false);
    });
  },
);
