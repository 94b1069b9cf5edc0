import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { GateRead, onBothDatabases, readAlone } from '../gates/GateRead';
import { DeploymentRule } from '@shipgate/plugin-deployments-common';
import { Transaction } from '../database/transactions';
import { toIsoString } from '../database/timestamps';
import { RulesByRevision } from './RulesByRevision';

/** What a person writes of a rule; the store adds who and when. */
export type RuleContents = Pick<
  DeploymentRule,
  | 'name'
  | 'enabled'
  | 'match'
  | 'requireApprovedRequest'
  | 'requiredApprovals'
  | 'approvalOrder'
>;

/** What matching and effects need of a rule: no audit fields. */
export type RuleForMatching = Pick<
  DeploymentRule,
  | 'id'
  | 'name'
  | 'match'
  | 'requireApprovedRequest'
  | 'requiredApprovals'
  | 'approvalOrder'
>;

type Row = Record<string, any>;

/** Every change to a rule gives the rules a new revision, in its transaction. */
const newRevision = (tx: Transaction) =>
  tx('deployment_rule_revision').update({ revision: randomUUID() });

function toRule(row: Row): DeploymentRule {
  const definition: Omit<RuleForMatching, 'id'> = JSON.parse(row.definition);
  return {
    id: Number(row.id),
    ...definition,
    name: row.name,
    enabled: Boolean(row.enabled),
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at),
  };
}

function toRow(contents: RuleContents) {
  const {
    name,
    enabled,
    match,
    requireApprovedRequest,
    requiredApprovals,
    approvalOrder,
  } = contents;
  const definition: Omit<RuleForMatching, 'id'> = {
    name,
    match,
    requireApprovedRequest,
    requiredApprovals,
    approvalOrder,
  };
  return {
    name,
    enabled,
    definition: JSON.stringify(definition),
    any_environment: match.environments.length === 0,
  };
}

/*
 * Every deployment event and dry run reads the enabled rules that may match its environment
 * (those naming it, and those naming no environment), not every rule. The database joins
 * them into one JSON text, each definition (a JSON object) with its id put in front, and
 * answers it only when the rules' revision is not the one bound (see RulesByRevision). The
 * environment's tier (what rules match besides its name) comes in the same statement. Fixed
 * texts, prepared on PostgreSQL.
 */
/** The enabled rules that may match an event into an environment: those naming it or none. */
const MAY_MATCH = `deployment_rules r where r.enabled and (r.any_environment or exists (
    select 1 from deployment_rule_environments e where e.rule_id = r.id and e.environment = ?))`;
const RULES_TEXT = {
  pg: `select '[' || coalesce(string_agg('{"id":' || id || ',' || substr(definition, 2), ',' order by id), '') || ']'
    from ${MAY_MATCH}`,
  sqlite: `select '[' || coalesce(group_concat('{"id":' || id || ',' || substr(definition, 2), ','), '') || ']'
    from (select id, definition from ${MAY_MATCH} order by id)`,
};
/** The revision alone when it is the one bound, else the revision, a space and the rules. */
const RULES_UNLESS_AT = (rulesText: string) =>
  `select case when v.revision = ? then v.revision
    else v.revision || ' ' || (${rulesText}) end from deployment_rule_revision v`;
const TIER = 'select tier from environments where name = ?';

/** `enabledFor` as two reads of a deployment event's context, answered from `held`. */
function enabledRulesReads(held: RulesByRevision) {
  return {
    tier: {
      name: 'environment_tier',
      sql: onBothDatabases(TIER),
      bindings: (event: { environment: string }) => [event.environment],
      parse: (value: unknown) =>
        value === null || value === undefined ? null : String(value),
    },
    rules: {
      name: 'enabled_rules',
      sql: {
        pg: RULES_UNLESS_AT(RULES_TEXT.pg),
        sqlite: RULES_UNLESS_AT(RULES_TEXT.sqlite),
      },
      bindings: (event: { environment: string }) => [
        held.revisionFor(event.environment),
        event.environment,
      ],
      parse: (value: unknown, event: { environment: string }) =>
        held.rulesOf(event.environment, value),
    },
  };
}

/** Org-wide deployment rules. Writes run in the caller's transaction, with their audit entry. */
export interface RuleStore {
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  list(): Promise<DeploymentRule[]>;
  /**
   * Every enabled rule, with the tier of an environment (null when there is none such), in
   * one query: what the gate and the request slots match in memory.
   */
  enabledFor(
    environment: string,
  ): Promise<{ tier: string | null; rules: readonly RuleForMatching[] }>;
  /** `enabledFor` as reads of a deployment event's context. */
  readonly enabledReads: {
    tier: GateRead<string | null, { environment: string }>;
    rules: GateRead<readonly RuleForMatching[], { environment: string }>;
  };
  get(id: number, tx?: Transaction): Promise<DeploymentRule | undefined>;
  create(
    tx: Transaction,
    contents: RuleContents,
    by: string,
    now: string,
  ): Promise<number>;
  update(
    tx: Transaction,
    id: number,
    contents: RuleContents,
    by: string,
    now: string,
  ): Promise<boolean>;
  delete(tx: Transaction, id: number): Promise<boolean>;
}

export class KnexRuleStore implements RuleStore {
  readonly enabledReads = enabledRulesReads(new RulesByRevision());

  constructor(private readonly knex: Knex) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(work);
  }

  async list() {
    return (await this.knex('deployment_rules').orderBy('id')).map(toRule);
  }

  enabledFor(environment: string) {
    return readAlone(this.knex, 'enabled_rules', this.enabledReads, { environment });
  }

  async get(id: number, tx?: Transaction) {
    const row = await (tx ?? this.knex)('deployment_rules')
      .where({ id })
      .first();
    return row ? toRule(row) : undefined;
  }

  async create(
    tx: Transaction,
    contents: RuleContents,
    by: string,
    now: string,
  ) {
    const [inserted] = await tx('deployment_rules').insert(
      {
        ...toRow(contents),
        created_by: by,
        created_at: now,
        updated_by: by,
        updated_at: now,
      },
      ['id'],
    );
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    await this.nameEnvironments(tx, id, contents.match.environments);
    await newRevision(tx);
    return id;
  }

  async update(
    tx: Transaction,
    id: number,
    contents: RuleContents,
    by: string,
    now: string,
  ) {
    const count = await tx('deployment_rules')
      .where({ id })
      .update({ ...toRow(contents), updated_by: by, updated_at: now });
    if (count === 0) return false;
    await tx('deployment_rule_environments').where({ rule_id: id }).delete();
    await this.nameEnvironments(tx, id, contents.match.environments);
    await newRevision(tx);
    return true;
  }

  async delete(tx: Transaction, id: number) {
    await tx('deployment_rule_environments').where({ rule_id: id }).delete();
    if ((await tx('deployment_rules').where({ id }).delete()) === 0) return false;
    await newRevision(tx);
    return true;
  }

  /** The rule's environments as rows, what reads filter by (none: it may match any). */
  private async nameEnvironments(
    tx: Transaction,
    id: number,
    environments: readonly string[],
  ) {
    const named = [...new Set(environments)];
    if (named.length) {
      await tx('deployment_rule_environments').insert(
        named.map(environment => ({ rule_id: id, environment })),
      );
    }
  }
}
