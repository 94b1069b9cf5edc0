import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Deployment, RecordDeploymentInput } from '@shipgate/plugin-deployments-common';
import { Knex } from 'knex';
import { databases, exampleProducts } from '../__testUtils__/startDeploymentsBackend';
import { migrateDatabase } from '../database/migrateDatabase';
import { KnexEnvironmentStore } from '../environments/EnvironmentStore';
import { DeploymentGate, GateVerdict, RecordedChange } from '../gates/DeploymentGate';
import { ProductCatalog } from '../products/ProductCatalog';
import { KnexProductStore } from '../products/ProductStore';
import { DeploymentService } from './DeploymentService';
import { KnexDeploymentStore } from './DeploymentStore';

jest.setTimeout(60_000);

const event = (status: RecordDeploymentInput['status'] = 'running'): RecordDeploymentInput => ({
  product: 'payment-api',
  environment: 'production',
  version: '1.2.0',
  status,
  ref: 'main',
  sha: null,
  tag: null,
  deployedBy: null,
  buildUrl: null,
  extraMetadata: null,
  deploymentRequestId: null,
});

/** A gate answering whatever the test sets, and noting what was recorded. */
class ScriptedGate implements DeploymentGate {
  readonly name = 'scripted';
  verdict: GateVerdict = { kind: 'allow' };
  recordedIds: number[] = [];
  /** Follows up changes linked to a request, writing a row of its own in their transaction. */
  writeWithin: (tx: Knex.Transaction, deployment: Deployment) => Promise<void> = async () => {};
  async check() {
    return this.verdict;
  }
  followsUp(change: RecordedChange) {
    return change.deploymentRequestId !== null;
  }
  async recordedIn(tx: Knex.Transaction, deployment: Deployment) {
    await this.writeWithin(tx, deployment);
  }
  async recorded(deployment: { id: number }) {
    this.recordedIds.push(deployment.id);
  }
}

describe.each(databases.eachSupportedId())('recording deployments through the gates on %p', databaseId => {
  let knex: Knex;
  let service: DeploymentService;
  let gate: ScriptedGate;
  let logger: ReturnType<typeof mockServices.logger.mock>;
  const count = async () => Number((await knex('deployments').count({ c: '*' }))[0].c);

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await migrateDatabase({ getClient: async () => knex } as any);
    const environments = new KnexEnvironmentStore(knex);
    await environments.seed([
      { name: 'production', title: 'Production', tier: 'production', order: 1, deployPolicy: 'manual', requiredApprovals: 0, allowSelfApproval: false },
    ]);
    const products = new ProductCatalog(
      catalogServiceMock({ entities: exampleProducts }),
      mockServices.auth(),
      new KnexProductStore(knex),
      mockServices.logger.mock(),
    );
    await products.refresh();
    gate = new ScriptedGate();
    logger = mockServices.logger.mock();
    service = new DeploymentService(new KnexDeploymentStore(knex), environments, products, [gate], logger);
  });
  afterEach(async () => {
    await knex.destroy();
  });

  it('records an event the gates allow, and tells them afterwards', async () => {
    const { deployment, created } = await service.record(event(), { deployedBy: 'ci', recordedBy: 'ci' });
    expect(created).toBe(true);
    expect(deployment).toMatchObject({ status: 'running', blocked_reason: null });
    expect(gate.recordedIds).toEqual([deployment.id]);
  });

  it('records a blocked event as blocked with the reason, and clears it once it moves on', async () => {
    gate.verdict = { kind: 'block', reason: 'waits for 2 approvals from group:default/sre-team' };
    const blocked = await service.record(event(), { deployedBy: 'ci', recordedBy: 'ci' });
    expect(blocked.deployment).toMatchObject({
      status: 'blocked',
      blocked_reason: 'waits for 2 approvals from group:default/sre-team',
    });
    gate.verdict = { kind: 'allow' };
    const moved = await service.updateStatus(blocked.deployment.id, 'created', 'user:default/ada');
    expect(moved).toMatchObject({ status: 'created', blocked_reason: null });
  });

  it('answers a refusal with its status and message, and records nothing', async () => {
    gate.verdict = { kind: 'refuse', status: 423, message: 'environment is frozen' };
    await expect(service.record(event(), { deployedBy: 'ci', recordedBy: 'ci' })).rejects.toMatchObject({
      statusCode: 423,
      message: 'environment is frozen',
    });
    expect(await count()).toBe(0);
    expect(gate.recordedIds).toEqual([]);
  });

  it('keeps a recorded event recorded when a gate cannot follow up, and logs it', async () => {
    gate.recorded = async () => {
      throw new Error('audit trail unavailable');
    };
    const { deployment, created } = await service.record(event(), { deployedBy: 'ci', recordedBy: 'ci' });
    expect(created).toBe(true);
    expect(await count()).toBe(1);
    expect(logger.error).toHaveBeenCalledWith(
      `Deployment ${deployment.id} was recorded, but the scripted gate could not follow up`,
      expect.objectContaining({ message: 'audit trail unavailable' }),
    );
  });

  describe('a change a gate follows up (a request\'s audit entry)', () => {
    // Stands in for the follow-up's own table: written in the deployment's transaction.
    const notes = async () => (await knex('audit_events').where({ action: 'noted' })).length;
    const linked = (status: RecordDeploymentInput['status'] = 'running') => ({
      ...event(status),
      deploymentRequestId: 7,
    });
    beforeEach(() => {
      gate.writeWithin = async (tx, deployment) => {
        await tx('audit_events').insert({
          subject_type: 'deployment_request',
          subject_id: 7,
          actor: 'ci',
          action: 'noted',
          target: `deployment ${deployment.id}`,
          created_at: new Date().toISOString(),
        });
      };
    });

    it('writes the follow-up with the deployment, on create, on an event and on PUT', async () => {
      const { deployment } = await service.record(linked(), { deployedBy: 'ci', recordedBy: 'ci' });
      expect(await notes()).toBe(1);
      await service.record(linked('success'), { deployedBy: 'ci', recordedBy: 'ci' });
      expect(await notes()).toBe(2);
      gate.verdict = { kind: 'block', reason: 'held' };
      const blocked = await service.record({ ...linked(), version: '1.3.0' }, { deployedBy: 'ci', recordedBy: 'ci' });
      await service.updateStatus(blocked.deployment.id, 'created', 'user:default/ada');
      expect(await notes()).toBe(4);
      expect(gate.recordedIds).toEqual([deployment.id, deployment.id, blocked.deployment.id, blocked.deployment.id]);
    });

    it('leaves an unlinked event without a follow-up', async () => {
      await service.record(event(), { deployedBy: 'ci', recordedBy: 'ci' });
      expect(await notes()).toBe(0);
    });

    it('records neither when the follow-up fails: the event fails and CI retries it', async () => {
      gate.writeWithin = async () => {
        throw new Error('audit trail unavailable');
      };
      await expect(
        service.record(linked(), { deployedBy: 'ci', recordedBy: 'ci' }, { key: 'k1', requestHash: 'h' }),
      ).rejects.toThrow('audit trail unavailable');
      expect(await count()).toBe(0);
      expect(Number((await knex('idempotency_keys').count({ c: '*' }))[0].c)).toBe(0);
      expect(gate.recordedIds).toEqual([]);
    });
  });
});
