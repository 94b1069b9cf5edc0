import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Deployment, RecordDeploymentInput } from '@shipgate/plugin-deployments-common';
import { Knex } from 'knex';
import { databases, exampleProducts } from '../__testUtils__/startDeploymentsBackend';
import { migrateDatabase } from '../database/migrateDatabase';
import { KnexEnvironmentStore } from '../environments/EnvironmentStore';
import { DeploymentGate, GateVerdict, RecordedChange } from '../gates/DeploymentGate';
import { GateWrite } from '../gates/GateWrite';
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

  describe("a gate's writes made with the deployment's own (the configuration's live version)", () => {
    // Stands in for the configuration's tables: one row per successful change.
    const written = async () =>
      (await knex('audit_events').where({ action: 'written' }).orderBy('id')).map(r => Number(r.subject_id));
    const writeOf = (subjectType: string | null): GateWrite => ({
      name: 'noted_success',
      appliesTo: change => change.status === 'success',
      pg: [
        {
          name: 'noted',
          sql: `insert into audit_events (subject_type, subject_id, actor, action, created_at)
            select ${subjectType === null ? 'null' : `'${subjectType}'`}, id, 'ci', 'written', updated_at from written`,
        },
      ],
      within: async (tx, deployment) => {
        if (subjectType === null) throw new Error('configuration unavailable');
        await tx('audit_events').insert({
          subject_type: subjectType,
          subject_id: deployment.id,
          actor: 'ci',
          action: 'written',
          created_at: deployment.updated_at,
        });
      },
    });
    const statements: string[] = [];
    const onQuery = (q: { sql: string }) => statements.push(q.sql);
    beforeEach(() => {
      statements.length = 0;
      knex.on('query', onQuery);
    });
    afterEach(() => {
      knex.off('query', onQuery);
    });

    it('writes them once per change they apply to: a new success, an event and a PUT that succeed', async () => {
      (gate as DeploymentGate).writes = writeOf('deployment');
      const first = await service.record(event('success'), { deployedBy: 'ci', recordedBy: 'ci' });
      const running = await service.record({ ...event(), version: '1.3.0' }, { deployedBy: 'ci', recordedBy: 'ci' });
      expect(await written()).toEqual([first.deployment.id]);
      await service.record({ ...event('success'), version: '1.3.0' }, { deployedBy: 'ci', recordedBy: 'ci' });
      const other = await service.record({ ...event(), version: '1.4.0' }, { deployedBy: 'ci', recordedBy: 'ci' });
      await service.updateStatus(other.deployment.id, 'success', 'user:default/ada');
      expect(await written()).toEqual([first.deployment.id, running.deployment.id, other.deployment.id]);
    });

    it('costs an event no statement of its own on PostgreSQL, and no commit of its own on SQLite', async () => {
      (gate as DeploymentGate).writes = writeOf('deployment');
      await service.record(event('success'), { deployedBy: 'ci', recordedBy: 'ci' });
      const writing = statements.filter(sql => !/^select/i.test(sql.trim()));
      const commits = writing.filter(sql => /^commit/i.test(sql.trim()));
      // SQLite has no writing CTEs: the same writes in the deployment's one transaction.
      const expected = databaseId.startsWith('POSTGRES') ? { writing: 1, commits: 0 } : { writing: writing.length, commits: 1 };
      expect({ writing: writing.length, commits: commits.length }).toEqual(expected);
    });

    it('records neither when they fail, on create and on an event that moves a deployment on', async () => {
      (gate as DeploymentGate).writes = writeOf(null); // fails: subject_type is required
      await expect(
        service.record(event('success'), { deployedBy: 'ci', recordedBy: 'ci' }, { key: 'k2', requestHash: 'h' }),
      ).rejects.toThrow();
      expect(await count()).toBe(0);
      expect(Number((await knex('idempotency_keys').count({ c: '*' }))[0].c)).toBe(0);
      const running = await service.record(event(), { deployedBy: 'ci', recordedBy: 'ci' });
      await expect(service.record(event('success'), { deployedBy: 'ci', recordedBy: 'ci' })).rejects.toThrow();
      expect((await knex('deployments').where({ id: running.deployment.id }).first()).status).toBe('running');
    });
  });
});
