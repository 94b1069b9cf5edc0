import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { KnexApprovalStore } from '../approvals/ApprovalStore';
import { KnexDeploymentRequestStore } from '../requests/DeploymentRequestStore';
import { RequestRecords } from '../requests/RequestRecords';

jest.setTimeout(60_000);

const directory = resolvePackagePath('@shipgate/plugin-deployments-backend', 'migrations');

const deployment = (status: string) => ({
  product: 'component:default/payment-api',
  version: '1.0.0',
  environment: 'dev',
  status,
  created_at: '2026-11-23T09:00:00.000Z',
  updated_at: '2026-11-23T09:00:00.000Z',
});

/**
 * The message a statement fails with. Not `rejects.toThrow`: better-sqlite3's errors may come
 * from another realm than the test's, and then do not count as errors to Jest.
 */
const failure = (statement: PromiseLike<unknown>) =>
  Promise.resolve(statement).then(
    () => 'no error',
    (error: { message: string }) => error.message,
  );

/** Rolls migrations back, newest first, until `name` is undone too. */
async function rollBackThrough(knex: Knex, name: string) {
  for (;;) {
    const [done] = await knex.migrate.list({ directory });
    const last = done[done.length - 1]?.name;
    if (!done.some((m: { name: string }) => m.name === name)) return;
    await knex.migrate.down({ directory });
    if (last === name) return;
  }
}

/** Applies migrations, oldest first, up to and including `name`. */
async function migrateUpTo(knex: Knex, name: string) {
  for (;;) {
    const [, pending] = await knex.migrate.list({ directory });
    const next = pending[0]?.file;
    if (!next) return;
    await knex.migrate.up({ directory });
    if (next === name) return;
  }
}

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('allow one open deployment per version and environment, and roll back', async () => {
    const knex = await databases.init(databaseId);
    try {
      await knex.migrate.latest({ directory });
      await knex('deployments').insert(deployment('running'));
      expect(await failure(knex('deployments').insert(deployment('created')))).toMatch(/unique/i);
      // Finished deployments of the same version are history, as many as there were.
      await knex('deployments').insert([deployment('success'), deployment('failed')]);

      await rollBackThrough(knex, '20261123090000_one_open_deployment.js');
      await knex('deployments').insert(deployment('created'));
      expect(await failure(knex.migrate.latest({ directory }))).toMatch(
        /more than one open deployment for component:default\/payment-api 1\.0\.0 in dev/,
      );

      await knex('deployments').where({ status: 'created' }).update({ status: 'canceled' });
      await knex.migrate.latest({ directory });
      expect(await failure(knex('deployments').insert(deployment('blocked')))).toMatch(/unique/i);
    } finally {
      await knex.destroy();
    }
  });

  it('moves approval slots and their decisions onto the approvals engine and back', async () => {
    const knex = await databases.init(databaseId);
    try {
      await migrateUpTo(knex, '20261123090000_one_open_deployment.js');
      const at = '2026-11-24T09:00:00.000Z';
      const request = (id: number, state: string) => ({
        id,
        title: `request ${id}`,
        environment: 'production',
        state,
        created_by: 'user:default/devon',
        created_at: at,
        updated_at: at,
      });
      await knex('deployment_requests').insert([request(1, 'in_progress'), request(2, 'approved')]);
      await knex('deployment_request_items').insert([
        { request_id: 1, product: 'component:default/payment-api', version: '1.2.0', position: 0 },
        { request_id: 2, product: 'component:default/ledger-service', version: '3.0.0', position: 0 },
      ]);
      await knex('approval_slots').insert([
        { id: 11, request_id: 1, approval_type: 'qa', required_count: 2, state: 'open', position: 0 },
        { id: 12, request_id: 1, approval_type: 'security', required_count: 1, state: 'open', position: 1 },
        { id: 21, request_id: 2, approval_type: 'uat', required_count: 1, state: 'approved', position: 0 },
      ]);
      const decision = (id: number, slot: number, requestId: number, by: string, comment: string | null) => ({
        id,
        slot_id: slot,
        request_id: requestId,
        decided_by: `user:default/${by}`,
        decision: 'approve',
        comment,
        created_at: at,
      });
      await knex('approval_decisions').insert([
        decision(101, 11, 1, 'quinn', 'looks fine'),
        decision(102, 21, 2, 'pat', null),
      ]);
      const slotsBefore = await knex('approval_slots').orderBy('id');
      const decisionsBefore = await knex('approval_decisions').orderBy('id');

      await knex.migrate.latest({ directory });
      const records = new RequestRecords(
        new KnexDeploymentRequestStore(knex),
        new KnexApprovalStore(knex),
      );
      const [first, second] = await records.getMany([1, 2]);
      expect(first.slots).toEqual([
        {
          id: 11,
          approvalType: 'qa',
          requiredCount: 2,
          state: 'open',
          decisions: [
            { id: 101, decidedBy: 'user:default/quinn', decision: 'approve', comment: 'looks fine', createdAt: at },
          ],
        },
        { id: 12, approvalType: 'security', requiredCount: 1, state: 'open', decisions: [] },
      ]);
      expect(second.slots).toEqual([
        {
          id: 21,
          approvalType: 'uat',
          requiredCount: 1,
          state: 'approved',
          decisions: [
            { id: 102, decidedBy: 'user:default/pat', decision: 'approve', comment: null, createdAt: at },
          ],
        },
      ]);
      // Only the request in progress takes decisions; the requester is known to the engine.
      const subjects = await knex('approval_subjects').orderBy('id');
      expect(subjects.map(s => [Number(s.id), Boolean(s.active), s.requested_by])).toEqual([
        [11, true, 'user:default/devon'],
        [12, true, 'user:default/devon'],
        [21, false, 'user:default/devon'],
      ]);
      // New subjects and decisions get ids after the migrated ones.
      const [next] = await knex('approval_subjects').insert(
        { kind: 'request_slot', owner_id: 2, state: 'open', active: false, created_at: at },
        ['id'],
      );
      expect(Number(typeof next === 'object' ? next.id : next)).toBeGreaterThan(21);
      expect(
        await failure(
          knex('approval_decisions').insert({
            subject_id: 11,
            decided_by: 'user:default/quinn',
            decision: 'approve',
            created_at: at,
          }),
        ),
      ).toMatch(/unique/i);

      await knex('approval_subjects').where({ id: Number(typeof next === 'object' ? next.id : next) }).delete();
      await rollBackThrough(knex, '20261201090000_approvals_engine.js');
      expect(await knex('approval_slots').orderBy('id')).toEqual(slotsBefore);
      expect(await knex('approval_decisions').orderBy('id')).toEqual(decisionsBefore);
    } finally {
      await knex.destroy();
    }
  });
  it('names the environments of existing rules as rows, and rolls back', async () => {
    const knex = await databases.init(databaseId);
    try {
      await migrateUpTo(knex, '20261205110000_config_history_promotion_index.js');
      const at = '2026-12-06T09:00:00.000Z';
      const rule = (name: string, environments: string[]) => ({
        name,
        enabled: true,
        definition: JSON.stringify({ name, match: { environments, tiers: [], products: [] } }),
        created_by: 'user:default/ada',
        created_at: at,
        updated_by: 'user:default/ada',
        updated_at: at,
      });
      await knex('deployment_rules').insert([
        rule('prod and staging', ['production', 'staging', 'production']),
        rule('everywhere', []),
      ]);

      await knex.migrate.latest({ directory });
      const rules = await knex('deployment_rules').orderBy('id');
      expect(rules.map(r => Boolean(r.any_environment))).toEqual([false, true]);
      const named = await knex('deployment_rule_environments').orderBy('environment');
      expect(named.map(r => [Number(r.rule_id), r.environment])).toEqual([
        [Number(rules[0].id), 'production'],
        [Number(rules[0].id), 'staging'],
      ]);

      await rollBackThrough(knex, '20261206090000_rule_environments.js');
      expect(await knex.schema.hasTable('deployment_rule_environments')).toBe(false);
      expect(await knex.schema.hasColumn('deployment_rules', 'any_environment')).toBe(false);
      expect(await knex('deployment_rules')).toHaveLength(2);
    } finally {
      await knex.destroy();
    }
  });

  it('adds deployment rules and marks rule slots, and rolls back keeping the slots', async () => {
    const knex = await databases.init(databaseId);
    try {
      await knex.migrate.latest({ directory });
      const at = '2026-12-05T09:00:00.000Z';
      await knex('approval_subjects').insert({
        id: 5, kind: 'request_slot', owner_id: 1, position: 0, state: 'open', active: true, created_at: at,
        from_rule_id: 3, from_rule_name: 'QA first', order_rank: 0,
      });
      await knex('approval_requirements').insert({ subject_id: 5, approval_type: 'qa', required_count: 1, position: 0 });
      await knex('deployment_rules').insert({
        name: 'QA first', enabled: true, definition: '{"name":"QA first"}', created_by: 'user:default/ada', created_at: at,
        updated_by: 'user:default/ada', updated_at: at,
      });

      await rollBackThrough(knex, '20261205090000_deployment_rules.js');
      expect(await knex.schema.hasTable('deployment_rules')).toBe(false);
      expect(await knex.schema.hasColumn('approval_subjects', 'order_rank')).toBe(false);
      expect((await knex('approval_subjects')).map(r => Number(r.id))).toEqual([5]);
      expect(await knex('approval_requirements').where({ subject_id: 5 })).toHaveLength(1);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasColumn('approval_subjects', 'from_rule_id')).toBe(true);
    } finally {
      await knex.destroy();
    }
  });

  it('gives the rules one revision row, and rolls back', async () => {
    const knex = await databases.init(databaseId);
    try {
      await knex.migrate.latest({ directory });
      const [row, ...more] = await knex('deployment_rule_revision');
      expect(more).toEqual([]);
      expect(row.revision).toMatch(/^[0-9a-f-]{36}$/);

      await rollBackThrough(knex, '20261207090000_rule_revision.js');
      expect(await knex.schema.hasTable('deployment_rule_revision')).toBe(false);
      expect(await knex.schema.hasTable('deployment_rules')).toBe(true);
    } finally {
      await knex.destroy();
    }
  });

  it('widens the columns that name a deployment to 64 bits, and rolls back while none needs it', async () => {
    const knex = await databases.init(databaseId);
    try {
      await knex.migrate.latest({ directory });
      const audit = (subjectId: number) => ({
        subject_type: 'deployment',
        subject_id: subjectId,
        actor: 'user:default/quinn',
        action: 'approved',
        created_at: '2026-12-08T09:00:00.000Z',
      });
      await knex('audit_events').insert(audit(5_000_000_000));
      const [row] = await knex('audit_events').select('subject_id');
      expect(Number(row.subject_id)).toBe(5_000_000_000);

      const isPostgres = knex.client.config.client === 'pg';
      expect(await failure(rollBackThrough(knex, '20261208090000_deployment_id_width.js'))).toMatch(
        isPostgres ? /integer out of range/ : /no error/,
      );
      if (!isPostgres) return;
      // Refused, nothing changed: the column still holds the id.
      expect(Number((await knex('audit_events').first('subject_id')).subject_id)).toBe(5_000_000_000);
      await knex('audit_events').delete();
      await rollBackThrough(knex, '20261208090000_deployment_id_width.js');
      expect(await failure(knex('audit_events').insert(audit(5_000_000_000)))).toMatch(/out of range/);
    } finally {
      await knex.destroy();
    }
  });
});
