import { Knex } from 'knex';
import { GateRead, onBothDatabases, readAlone } from '../gates/GateRead';
import { DeploymentRule } from '@shipgate/plugin-deployments-common';
import { Transaction } from '../database/transactions';
import { toIsoString } from '../database/timestamps';

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
 * them into one JSON text, each definition (a JSON object) with its id put in front, parsed
 * once. The environment's tier (what rules match besides its name) comes in the same
 * statement. Fixed texts, prepared on PostgreSQL.
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
const TIER = 'select tier from environments where name = ?';

/** `enabledFor` as two reads of a deployment event's context. */
const ENABLED_RULES_READS = {
  tier: {
    name: 'environment_tier',
    sql: onBothDatabases(TIER),
    bindings: (event: { environment: string }) => [event.environment],
    parse: (value: unknown) =>
      value === null || value === undefined ? null : String(value),
  },
  rules: {
    name: 'enabled_rules',
    sql: RULES_TEXT,
    bindings: (event: { environment: string }) => [event.environment],
    parse: (value: unknown): RuleForMatching[] =>
      value ? JSON.parse(String(value)) : [],
  },
};

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
  ): Promise<{ tier: string | null; rules: RuleForMatching[] }>;
  /** `enabledFor` as reads of a deployment event's context. */
  readonly enabledReads: {
    tier: GateRead<string | null, { environment: string }>;
    rules: GateRead<RuleForMatching[], { environment: string }>;
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
  readonly enabledReads = ENABLED_RULES_READS;

  constructor(private readonly knex: Knex) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(work);
  }

  async list() {
    return (await this.knex('deployment_rules').orderBy('id')).map(toRule);
  }

  enabledFor(environment: string) {
    return readAlone(this.knex, 'enabled_rules', ENABLED_RULES_READS, { environment });
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
    return true;
  }

  async delete(tx: Transaction, id: number) {
    await tx('deployment_rule_environments').where({ rule_id: id }).delete();
    return (await tx('deployment_rules').where({ id }).delete()) > 0;
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
