import { Knex } from 'knex';
import { DeploymentRule } from '@shipgate/plugin-deployments-common';
import { Transaction } from '../database/transactions';
import { toIsoString } from '../database/timestamps';

/** What a person writes of a rule; the store adds who and when. */
export type RuleContents = Pick<
  DeploymentRule,
  'name' | 'enabled' | 'match' | 'requireApprovedRequest' | 'requiredApprovals' | 'approvalOrder'
>;

type Row = Record<string, any>;

function toRule(row: Row): DeploymentRule {
  return {
    id: Number(row.id),
    name: row.name,
    enabled: Boolean(row.enabled),
    match: {
      environments: JSON.parse(row.match_environments),
      tiers: JSON.parse(row.match_tiers),
      products: JSON.parse(row.match_products),
    },
    requireApprovedRequest: Boolean(row.require_approved_request),
    requiredApprovals: JSON.parse(row.required_approvals),
    approvalOrder: JSON.parse(row.approval_order),
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
    updatedBy: row.updated_by,
    updatedAt: toIsoString(row.updated_at),
  };
}

function toRow(contents: RuleContents) {
  return {
    name: contents.name,
    enabled: contents.enabled,
    match_environments: JSON.stringify(contents.match.environments),
    match_tiers: JSON.stringify(contents.match.tiers),
    match_products: JSON.stringify(contents.match.products),
    require_approved_request: contents.requireApprovedRequest,
    required_approvals: JSON.stringify(contents.requiredApprovals),
    approval_order: JSON.stringify(contents.approvalOrder),
  };
}

/** Org-wide deployment rules. Writes run in the caller's transaction, with their audit entry. */
export interface RuleStore {
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  list(): Promise<DeploymentRule[]>;
  /** Every enabled rule, in one query: what the gate and the request slots match in memory. */
  listEnabled(): Promise<DeploymentRule[]>;
  get(id: number, tx?: Transaction): Promise<DeploymentRule | undefined>;
  create(tx: Transaction, contents: RuleContents, by: string, now: string): Promise<number>;
  update(tx: Transaction, id: number, contents: RuleContents, by: string, now: string): Promise<boolean>;
  delete(tx: Transaction, id: number): Promise<boolean>;
}

export class KnexRuleStore implements RuleStore {
  constructor(private readonly knex: Knex) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(work);
  }

  async list() {
    return (await this.knex('deployment_rules').orderBy('id')).map(toRule);
  }

  async listEnabled() {
    return (await this.knex('deployment_rules').where({ enabled: true }).orderBy('id')).map(toRule);
  }

  async get(id: number, tx?: Transaction) {
    const row = await (tx ?? this.knex)('deployment_rules').where({ id }).first();
    return row ? toRule(row) : undefined;
  }

  async create(tx: Transaction, contents: RuleContents, by: string, now: string) {
    const [inserted] = await tx('deployment_rules').insert(
      { ...toRow(contents), created_by: by, created_at: now, updated_by: by, updated_at: now },
      ['id'],
    );
    return Number(typeof inserted === 'object' ? inserted.id : inserted);
  }

  async update(tx: Transaction, id: number, contents: RuleContents, by: string, now: string) {
    const count = await tx('deployment_rules')
      .where({ id })
      .update({ ...toRow(contents), updated_by: by, updated_at: now });
    return count > 0;
  }

  async delete(tx: Transaction, id: number) {
    return (await tx('deployment_rules').where({ id }).delete()) > 0;
  }
}
