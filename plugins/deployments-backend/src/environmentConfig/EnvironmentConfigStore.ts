import { Knex } from 'knex';
import {
  ConfigChangeSource,
  Deployment,
  EnvironmentConfig,
  EnvironmentConfigChange,
} from '@shipgate/plugin-deployments-common';
import { prepared, rowsOf } from '../database/prepared';
import { toIsoString } from '../database/timestamps';
import { Transaction, inTransaction, lockForUpdate } from '../database/transactions';

function toConfig(row: Record<string, any>): EnvironmentConfig {
  return {
    product: row.product,
    environment: row.environment,
    version: row.version ?? null,
    variables: JSON.parse(row.variables),
    revision: Number(row.revision),
    versionSince: toIsoString(row.version_since),
    updatedAt: toIsoString(row.updated_at),
    updatedBy: row.updated_by ?? null,
  };
}

function toChange(row: Record<string, any>): EnvironmentConfigChange {
  return {
    id: Number(row.id),
    product: row.product,
    environment: row.environment,
    revision: Number(row.revision),
    version: row.version ?? null,
    variables: JSON.parse(row.variables),
    source: row.source,
    promotedFrom: row.promoted_from ?? null,
    deploymentId: row.deployment_id === null ? null : Number(row.deployment_id),
    promotionId: row.promotion_id === null ? null : Number(row.promotion_id),
    changedBy: row.changed_by ?? null,
    changedAt: toIsoString(row.changed_at),
  };
}

/** A change to write: the new contents and where it came from. */
export interface ConfigWrite {
  version: string | null;
  variables: Record<string, string>;
  source: ConfigChangeSource;
  changedBy: string | null;
  promotedFrom?: string;
  deploymentId?: number;
  promotionId?: number;
  now: string;
}

/**
 * A successful deployment's version becoming the one live in its environment (a new revision
 * and its history entry, nothing when it is that already), made with the deployment's own
 * write: CTEs over `written` on PostgreSQL, statements in its transaction elsewhere.
 */
export interface VersionMove {
  pg: ReadonlyArray<{ name: string; sql: string }>;
  within(tx: Transaction, deployment: Deployment): Promise<void>;
}

/*
 * Every successful deployment moves the version. On PostgreSQL these CTEs go into the
 * deployment's own statement (a `GateWrite`), reading it from `written`: the upsert changes
 * the row only when the version differs, and the history entry is written from what it
 * returns (nothing when it changed nothing). The upsert's row lock queues simultaneous
 * events, so revisions never collide.
 */
const MOVE_VERSION_OF_WRITTEN_PG = [
  {
    name: 'config_moved',
    sql: `insert into environment_configs as c
    (product, environment, version, variables, revision, version_since, updated_by, updated_at)
  select product, environment, version, '{}', 1, updated_at, deployed_by, updated_at from written
  on conflict (product, environment) do update
    set version = excluded.version, revision = c.revision + 1,
        version_since = excluded.version_since, updated_by = excluded.updated_by,
        updated_at = excluded.updated_at
    where c.version is distinct from excluded.version
  returning product, environment, revision, version, variables`,
  },
  {
    name: 'config_history',
    sql: `insert into environment_config_history
    (product, environment, revision, version, variables, source, deployment_id, changed_by, changed_at)
  select m.product, m.environment, m.revision, m.version, m.variables, 'deployment',
    w.id, w.deployed_by, w.updated_at
  from config_moved m cross join written w`,
  },
];

/** The same CTEs as a statement of their own, `written` bound (a deployment's transaction). */
const MOVE_VERSION_PG = `with written (id, product, environment, version, deployed_by, updated_at) as (
  values (?::bigint, ?::varchar, ?::varchar, ?::varchar, ?::varchar, ?::timestamptz)),
${MOVE_VERSION_OF_WRITTEN_PG.map(cte => `${cte.name} as (${cte.sql})`).join(',\n')}
select 1`;

/** SQLite has no writing CTEs: the same upsert, then the history entry, in one transaction. */
const MOVE_VERSION_SQLITE = `insert into environment_configs as c
  (product, environment, version, variables, revision, version_since, updated_by, updated_at)
values (?, ?, ?, '{}', 1, ?, ?, ?)
on conflict (product, environment) do update
  set version = excluded.version, revision = c.revision + 1,
      version_since = excluded.version_since, updated_by = excluded.updated_by,
      updated_at = excluded.updated_at
  where c.version is not excluded.version
returning revision, variables`;

/** Environment configurations, one per product and environment, with their history. */
export interface EnvironmentConfigStore {
  get(product: string, environment: string, tx?: Transaction): Promise<EnvironmentConfig | undefined>;
  listForProduct(product: string): Promise<EnvironmentConfig[]>;
  /**
   * Writes a new revision (the row locked, so simultaneous writers queue) and its history
   * entry; nothing when the contents are unchanged. Answers the configuration as it is after.
   */
  write(
    product: string,
    environment: string,
    change: ConfigWrite,
    tx?: Transaction,
  ): Promise<EnvironmentConfig>;
  /** How a successful deployment moves the live version. */
  readonly versionMove: VersionMove;
  history(
    product: string,
    environment: string,
    offset: number,
    limit: number,
  ): Promise<{ items: EnvironmentConfigChange[]; total: number }>;
  /** The target's latest history entry promoted from `source`, if any. */
  lastPromotion(
    product: string,
    target: string,
    source: string,
    tx?: Transaction,
  ): Promise<EnvironmentConfigChange | undefined>;
  /** The changes a promotion wrote, of every product (a System's promotion writes its components'). */
  changesOfPromotion(promotionId: number): Promise<EnvironmentConfigChange[]>;
}

export class KnexEnvironmentConfigStore implements EnvironmentConfigStore {
  constructor(private readonly knex: Knex) {}

  async get(product: string, environment: string, tx?: Transaction) {
    const row = await (tx ?? this.knex)('environment_configs').where({ product, environment }).first();
    return row ? toConfig(row) : undefined;
  }

  async listForProduct(product: string) {
    const rows = await this.knex('environment_configs').where({ product }).orderBy('environment');
    return rows.map(toConfig);
  }

  write(product: string, environment: string, change: ConfigWrite, given?: Transaction) {
    return inTransaction(this.knex, given, tx => this.writeIn(tx, product, environment, change));
  }

  readonly versionMove: VersionMove = {
    pg: MOVE_VERSION_OF_WRITTEN_PG,
    within: (tx, deployment) => this.moveVersionIn(tx, deployment),
  };

  private async moveVersionIn(tx: Transaction, deployment: Deployment) {
    const { id, product, environment, version, deployed_by, updated_at } = deployment;
    if (tx.client.config.client === 'pg') {
      await prepared(tx, 'move_config_version', MOVE_VERSION_PG, [
        id,
        product,
        environment,
        version,
        deployed_by,
        updated_at,
      ]);
      return;
    }
    const [moved] = rowsOf(
      await tx.raw(MOVE_VERSION_SQLITE, [product, environment, version, updated_at, deployed_by, updated_at]),
    );
    if (!moved) return;
    await tx('environment_config_history').insert({
      product,
      environment,
      revision: moved.revision,
      version,
      variables: moved.variables,
      source: 'deployment',
      deployment_id: id,
      changed_by: deployed_by,
      changed_at: updated_at,
    });
  }

  private async writeIn(tx: Transaction, product: string, environment: string, change: ConfigWrite) {
    const current = await lockForUpdate(
      this.knex,
      tx('environment_configs').where({ product, environment }).first(),
    );
    const variables = JSON.stringify(sortKeys(change.variables));
    if (current && current.version === change.version && current.variables === variables) {
      return toConfig(current);
    }
    const revision = Number(current?.revision ?? 0) + 1;
    const versionChanged = (current?.version ?? null) !== change.version;
    const row = {
      product,
      environment,
      version: change.version,
      variables,
      revision,
      version_since: versionChanged ? change.now : current?.version_since ?? null,
      updated_by: change.changedBy,
      updated_at: change.now,
    };
    if (current) {
      await tx('environment_configs').where({ product, environment }).update(row);
    } else {
      // Two first writes at once: the loser's insert fails on the key and its call errors.
      await tx('environment_configs').insert(row);
    }
    await tx('environment_config_history').insert({
      product,
      environment,
      revision,
      version: change.version,
      variables,
      source: change.source,
      promoted_from: change.promotedFrom ?? null,
      deployment_id: change.deploymentId ?? null,
      promotion_id: change.promotionId ?? null,
      changed_by: change.changedBy,
      changed_at: change.now,
    });
    return toConfig(row);
  }

  async history(product: string, environment: string, offset: number, limit: number) {
    const base = () => this.knex('environment_config_history').where({ product, environment });
    const [rows, [{ count }]] = await Promise.all([
      base().orderBy('revision', 'desc').offset(offset).limit(limit),
      base().count({ count: '*' }),
    ]);
    return { items: rows.map(toChange), total: Number(count) };
  }

  async lastPromotion(product: string, target: string, source: string, tx?: Transaction) {
    const row = await (tx ?? this.knex)('environment_config_history')
      .where({ product, environment: target, source: 'promotion', promoted_from: source })
      .orderBy('revision', 'desc')
      .first();
    return row ? toChange(row) : undefined;
  }

  async changesOfPromotion(promotionId: number) {
    const rows = await this.knex('environment_config_history')
      .where({ promotion_id: promotionId })
      .orderBy('product');
    return rows.map(toChange);
  }
}

/** Variables are stored with their keys in order, so equal contents compare equal as text. */
function sortKeys(variables: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(variables).sort().map(k => [k, variables[k]]));
}
