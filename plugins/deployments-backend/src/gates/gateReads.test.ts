import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { migrateDatabase } from '../database/migrateDatabase';
import { KnexDeploymentStore } from '../deployments/DeploymentStore';
import { KnexFreezeStore } from '../freezes/FreezeStore';
import { KnexRuleStore } from '../rules/RuleStore';
import { KnexDeploymentRequestStore } from '../requests/DeploymentRequestStore';
import { GateRead, distinctReads, readOr } from './GateRead';

jest.setTimeout(60_000);

const NOW = '2026-12-02T12:00:00.000Z';
const at = (offsetMinutes: number) =>
  new Date(Date.parse(NOW) + offsetMinutes * 60_000).toISOString();
const PRODUCT = 'component:default/payment-api';

/** A migrated database with the environments staging and production (tiers of the same names). */
async function migratedWithEnvironments(
  databaseId: TestDatabaseId,
): Promise<Knex> {
  const knex = await databases.init(databaseId);
  await migrateDatabase({ getClient: async () => knex } as any);
  await knex('environments').insert(
    ['staging', 'production'].map((name, i) => ({
      name,
      title: name,
      tier: name,
      order: i,
      created_at: NOW,
      updated_at: NOW,
    })),
  );
  return knex;
}

/*
 * Ingestion reads what the gates judge by as columns of the event's context statement; a
 * gate asked alone (a test, a caller without the context) reads with a statement of its
 * own. Both must say the same of the same data, on each database.
 */
describe.each(databases.eachSupportedId())('gate reads on %p', databaseId => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await migratedWithEnvironments(databaseId);
  });

  const freeze = (values: Record<string, unknown>) =>
    knex('environment_freezes').insert({
      environment: 'production',
      reason: 'freeze',
      starts_at: null,
      ends_at: null,
      cron: null,
      duration_minutes: null,
      timezone: null,
      created_by: 'user:default/ada',
      created_at: NOW,
      ...values,
    });

  const request = async (id: number, state: string, version: string) => {
    await knex('deployment_requests').insert({
      id,
      title: `request ${id}`,
      description: '',
      environment: 'production',
      state,
      created_by: 'user:default/devon',
      created_at: NOW,
      updated_at: NOW,
      gates_unnamed_events: true,
    });
    await knex('deployment_request_items').insert({
      request_id: id,
      product: PRODUCT,
      version,
      position: 0,
    });
  };

  /** Every read, from the context statement and alone, for an event into `environment`. */
  async function bothWays(environment: string, version = '1.0.0') {
    const freezes = new KnexFreezeStore(knex);
    const rules = new KnexRuleStore(knex);
    const requests = new KnexDeploymentRequestStore(knex);
    const freezeReads = freezes.gateStateReads(() => NOW);
    const reads: GateRead<unknown>[] = [
      freezeReads.freezes,
      freezeReads.breakGlassId,
      rules.enabledReads.tier,
      rules.enabledReads.rules,
      requests.openRequestRead,
    ];
    const event = { product: PRODUCT, version, environment };
    const context = await new KnexDeploymentStore(knex).readEventContext(
      event,
      reads,
    );
    const fromContext = <T>(read: GateRead<T>) =>
      read.parse(context.reads.get(read.name), event);
    const alone = {
      gate: await freezes.gateState(environment, NOW),
      enabled: await rules.enabledFor(environment),
      open:
        (await requests.findOpenFor(PRODUCT, version, environment))[0] ?? null,
    };
    return {
      fromContext: {
        freezes: fromContext(freezeReads.freezes),
        breakGlassId: fromContext(freezeReads.breakGlassId),
        tier: fromContext(rules.enabledReads.tier),
        rules: fromContext(rules.enabledReads.rules),
        open: fromContext(requests.openRequestRead),
      },
      alone: {
        freezes: alone.gate.freezes,
        breakGlassId: alone.gate.breakGlassId,
        tier: alone.enabled.tier,
        rules: alone.enabled.rules,
        open: alone.open,
      },
    };
  }

  it('say nothing is there on an empty database', async () => {
    const { fromContext, alone } = await bothWays('production');
    expect(fromContext).toEqual(alone);
    expect(fromContext).toEqual({
      freezes: [],
      breakGlassId: null,
      tier: 'production',
      rules: [],
      open: null,
    });
  });

  it('find the same freezes, break-glass session, rules and open request', async () => {
    await freeze({
      reason: 'release week',
      starts_at: at(-60),
      ends_at: at(60),
    });
    await freeze({
      environment: null,
      reason: 'stop the line',
      starts_at: at(-5),
    });
    await freeze({
      reason: 'weekends',
      cron: '0 0 * * 6',
      duration_minutes: 2880,
      timezone: 'Europe/Berlin',
    });
    await freeze({ reason: 'over', starts_at: at(-120), ends_at: at(-60) }); // ended: neither reads it
    await freeze({
      environment: 'staging',
      reason: 'elsewhere',
      starts_at: at(-60),
    });
    await knex('break_glass_sessions').insert({
      environment: 'production',
      reason: 'hotfix',
      opened_by: 'user:default/remy',
      opened_at: at(-10),
      expires_at: at(20),
    });
    const rules = new KnexRuleStore(knex);
    for (const name of ['needs a request', 'needs qa']) {
      await rules.transaction(tx =>
        rules.create(
          tx,
          {
            name,
            enabled: true,
            match: { environments: ['production'], tiers: [], products: [] },
            requireApprovedRequest: name === 'needs a request',
            requiredApprovals:
              name === 'needs qa' ? [{ approvalType: 'qa', count: 1 }] : [],
            approvalOrder: [],
          },
          'user:default/ada',
          NOW,
        ),
      );
    }
    await request(7, 'in_progress', '1.0.0');
    await request(8, 'approved', '1.0.0'); // the approved one first
    await request(9, 'approved', '2.0.0');

    const { fromContext, alone } = await bothWays('production');
    expect(fromContext).toEqual(alone);
    expect(fromContext.freezes.map(f => f.reason)).toEqual([
      'release week',
      'stop the line',
      'weekends',
    ]);
    expect(fromContext.freezes[2]).toMatchObject({
      cron: '0 0 * * 6',
      durationMinutes: 2880,
      timezone: 'Europe/Berlin',
    });
    expect(fromContext.freezes[0]).toMatchObject({
      start: at(-60),
      end: at(60),
      createdBy: 'user:default/ada',
    });
    expect(fromContext.breakGlassId).toEqual(expect.any(Number));
    expect(fromContext.rules.map(r => r.name)).toEqual([
      'needs a request',
      'needs qa',
    ]);
    expect(fromContext.open).toBe(8);

    const staging = await bothWays('staging');
    expect(staging.fromContext).toEqual(staging.alone);
    expect(staging.fromContext.freezes.map(f => f.reason)).toEqual([
      'stop the line',
      'elsewhere',
    ]);
    expect(staging.fromContext.breakGlassId).toBeNull();
  });
});

describe.each(databases.eachSupportedId())(
  'the enabled rules read for an environment on %p',
  databaseId => {
    let knex: Knex;
    let rules: KnexRuleStore;

    beforeEach(async () => {
      knex = await migratedWithEnvironments(databaseId);
      rules = new KnexRuleStore(knex);
    });

    const contents = (
      name: string,
      environments: string[],
      tiers: Array<'production'> = [],
    ) => ({
      name,
      enabled: true,
      match: { environments, tiers, products: [] },
      requireApprovedRequest: true,
      requiredApprovals: [],
      approvalOrder: [],
    });
    const namesFor = async (environment: string) => {
      const alone = (await rules.enabledFor(environment)).rules.map(
        r => r.name,
      );
      const context = await new KnexDeploymentStore(knex).readEventContext(
        { product: PRODUCT, version: '1.0.0', environment },
        [rules.enabledReads.rules],
      );
      expect(
        rules.enabledReads.rules
          .parse(context.reads.get('enabled_rules'), { environment })
          .map(r => r.name),
      ).toEqual(alone);
      return alone;
    };

    it('are those naming it and those naming no environment, as rules are created, changed and deleted', async () => {
      const ids: number[] = [];
      const store = rules;
      for (const rule of [
        contents('production only', ['production']),
        contents('both', ['staging', 'production']),
        contents('any environment of the production tier', [], ['production']),
      ]) {
        ids.push(
          await store.transaction(tx =>
            store.create(tx, rule, 'user:default/ada', NOW),
          ),
        );
      }
      expect(await namesFor('production')).toEqual([
        'production only',
        'both',
        'any environment of the production tier',
      ]);
      // Read for staging too (matching by tier happens in memory, on the definition).
      expect(await namesFor('staging')).toEqual([
        'both',
        'any environment of the production tier',
      ]);

      await rules.transaction(tx =>
        rules.update(
          tx,
          ids[0],
          contents('moved to staging', ['staging']),
          'user:default/ada',
          NOW,
        ),
      );
      expect(await namesFor('production')).toEqual([
        'both',
        'any environment of the production tier',
      ]);
      expect(await namesFor('staging')).toEqual([
        'moved to staging',
        'both',
        'any environment of the production tier',
      ]);

      await rules.transaction(tx =>
        rules.update(
          tx,
          ids[1],
          contents('now everywhere', []),
          'user:default/ada',
          NOW,
        ),
      );
      await rules.transaction(tx => rules.delete(tx, ids[2]));
      expect(await namesFor('production')).toEqual(['now everywhere']);
      expect(await namesFor('staging')).toEqual([
        'moved to staging',
        'now everywhere',
      ]);
      expect(await knex('deployment_rule_environments')).toHaveLength(1);
    });

    it('come as text only when the rules changed since the revision this process holds, also when another replica changed them', async () => {
      const replica = new KnexRuleStore(knex);
      const create = (store: KnexRuleStore, name: string) =>
        store.transaction(tx =>
          store.create(
            tx,
            contents(name, ['production']),
            'user:default/ada',
            NOW,
          ),
        );
      /** The raw answer of the context statement, and the rules it gives. */
      const read = async () => {
        const context = await new KnexDeploymentStore(knex).readEventContext(
          { product: PRODUCT, version: '1.0.0', environment: 'production' },
          [rules.enabledReads.rules],
        );
        const answer = String(context.reads.get('enabled_rules'));
        const names = rules.enabledReads.rules
          .parse(answer, { environment: 'production' })
          .map(r => r.name);
        return { withRules: answer.includes(' '), names };
      };
      const id = await create(rules, 'first');

      expect(await read()).toEqual({ withRules: true, names: ['first'] });
      expect(await read()).toEqual({ withRules: false, names: ['first'] });

      // Another replica's change is in the very next read.
      await create(replica, 'second');
      expect(await read()).toEqual({
        withRules: true,
        names: ['first', 'second'],
      });
      await replica.transaction(tx =>
        replica.update(
          tx,
          id,
          { ...contents('first', ['production']), enabled: false },
          'user:default/ada',
          NOW,
        ),
      );
      expect(await read()).toEqual({ withRules: true, names: ['second'] });
      expect(await read()).toEqual({ withRules: false, names: ['second'] });

      // A change that rolls back leaves the revision as it was.
      await expect(
        replica.transaction(async tx => {
          await replica.create(
            tx,
            contents('rolled back', ['production']),
            'user:default/ada',
            NOW,
          );
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await read()).toEqual({ withRules: false, names: ['second'] });

      await replica.transaction(tx => replica.delete(tx, id));
      expect(await read()).toEqual({ withRules: true, names: ['second'] });
    });
  },
);

describe('distinctReads', () => {
  const read = (name: string, sql = 'select 1'): GateRead<unknown> => ({
    name,
    sql: { pg: sql, sqlite: sql },
    bindings: () => [],
    parse: v => v,
  });

  it('keeps one read per name, in order', () => {
    const a = read('a');
    expect(distinctReads([a, read('b'), read('a')]).map(r => r.name)).toEqual([
      'a',
      'b',
    ]);
    expect(distinctReads([a, read('b'), read('a')])[0]).toBe(a);
  });

  it('refuses two texts under one name, and names that are not plain columns', () => {
    expect(() => distinctReads([read('a'), read('a', 'select 2')])).toThrow(
      "two gate reads are named 'a'",
    );
    expect(() => distinctReads([read('a; drop table x')])).toThrow(
      'not a plain column name',
    );
  });

  it('reads for itself only what the context did not read', async () => {
    const fallback = jest.fn(async () => 'alone');
    const event = {
      product: PRODUCT,
      version: '1.0.0',
      environment: 'production',
    };
    expect(
      await readOr(new Map([['a', 'ctx']]), read('a'), event, fallback),
    ).toBe('ctx');
    expect(fallback).not.toHaveBeenCalled();
    expect(await readOr(new Map(), read('a'), event, fallback)).toBe('alone');
    expect(await readOr(undefined, read('a'), event, fallback)).toBe('alone');
  });
});
