import { Knex } from 'knex';
import {
  DeployPolicy,
  Environment,
  EnvironmentProtection,
  EnvironmentTier,
} from '@shipgate/plugin-deployments-common';
import { prepared, rowsOf } from '../database/prepared';

type EnvironmentRow = {
  name: string;
  title: string;
  tier: string;
  order: number;
  deploy_policy: string;
  required_approvals: number;
  allow_self_approval: boolean | number;
  protection?: string | null;
};

function toEnvironment(row: EnvironmentRow): Environment {
  return {
    name: row.name,
    title: row.title,
    tier: row.tier as EnvironmentTier,
    order: Number(row.order),
    deployPolicy: row.deploy_policy as DeployPolicy,
    requiredApprovals: Number(row.required_approvals),
    allowSelfApproval: Boolean(row.allow_self_approval),
    protection: row.protection ? JSON.parse(row.protection) : null,
  };
}

function toRow(environment: Environment) {
  return {
    name: environment.name,
    title: environment.title,
    tier: environment.tier,
    order: environment.order,
    deploy_policy: environment.deployPolicy,
    required_approvals: environment.requiredApprovals,
    allow_self_approval: environment.allowSelfApproval,
  };
}

/** Environments: seeded from app-config, then owned by the database. */
export interface EnvironmentStore {
  list(): Promise<Environment[]>;
  /** In `tx` when given (a deployment's transaction reading its protection). */
  get(name: string, tx?: Knex): Promise<Environment | undefined>;
  /** Changes the given fields; undefined when there is no such environment. */
  update(
    name: string,
    patch: Partial<Omit<Environment, 'name'>>,
    now: string,
  ): Promise<Environment | undefined>;
  /** Inserts the environments that do not exist yet; existing ones keep their edits. */
  seed(environments: Environment[]): Promise<void>;
  /**
   * Only the environment's protection (null: unprotected or no such environment): what
   * every deployment event reads, as one prepared statement.
   */
  protectionOf(name: string): Promise<EnvironmentProtection | null>;
}

/** Fixed text, so PostgreSQL keeps it prepared (see ingestionStatements.ts). */
const PROTECTION_OF = 'select protection from environments where name = ?';

export class KnexEnvironmentStore implements EnvironmentStore {
  constructor(private readonly knex: Knex) {}

  async list(): Promise<Environment[]> {
    const rows = await this.knex<EnvironmentRow>('environments').orderBy([
      { column: 'order', order: 'asc' },
      { column: 'name', order: 'asc' },
    ]);
    return rows.map(toEnvironment);
  }

  async get(name: string, tx?: Knex): Promise<Environment | undefined> {
    const row = await (tx ?? this.knex)<EnvironmentRow>('environments').where({ name }).first();
    return row ? toEnvironment(row) : undefined;
  }

  async update(
    name: string,
    patch: Partial<Omit<Environment, 'name'>>,
    now: string,
  ): Promise<Environment | undefined> {
    const columns: Record<string, unknown> = { updated_at: now };
    if (patch.title !== undefined) columns.title = patch.title;
    if (patch.tier !== undefined) columns.tier = patch.tier;
    if (patch.order !== undefined) columns.order = patch.order;
    if (patch.deployPolicy !== undefined) columns.deploy_policy = patch.deployPolicy;
    if (patch.requiredApprovals !== undefined) columns.required_approvals = patch.requiredApprovals;
    if (patch.allowSelfApproval !== undefined) columns.allow_self_approval = patch.allowSelfApproval;
    if (patch.protection !== undefined) {
      columns.protection = patch.protection ? JSON.stringify(patch.protection) : null;
    }
    const count = await this.knex('environments').where({ name }).update(columns);
    return count ? this.get(name) : undefined;
  }

  async protectionOf(name: string): Promise<EnvironmentProtection | null> {
    const [row] = rowsOf(await prepared(this.knex, 'environment_protection', PROTECTION_OF, [name]));
    return row?.protection ? JSON.parse(row.protection) : null;
  }

  async seed(environments: Environment[]): Promise<void> {
    if (environments.length === 0) return;
    const now = new Date().toISOString();
    await this.knex('environments')
      .insert(environments.map(e => ({ ...toRow(e), created_at: now, updated_at: now })))
      .onConflict('name')
      .ignore();
  }
}
