import { Knex } from 'knex';
import {
  Deployment,
  DeploymentStatus,
} from '@shipgate/plugin-deployments-common';
import {
  CLAIM_KEY_OF_WRITTEN,
  DEPLOYMENT_COLUMNS,
  createDeployment,
  eventContext,
  INSERT_DEPLOYMENT,
  MOVE_CELL,
  NEW_DEPLOYMENT_COLUMNS,
} from './ingestionStatements';
import { ComposedStatements } from '../database/ComposedStatements';
import { prepared, rowsOf } from '../database/prepared';
import { GateRead } from '../gates/GateRead';
import { GateWrite, writeInTransaction } from '../gates/GateWrite';
import { lockForUpdate } from '../database/transactions';
import {
  DeploymentChange,
  DeploymentListFilter,
  EventContext,
  EventDecision,
  AppliedEvent,
  IdempotencyClaim,
  IdempotencyKeyTakenError,
  IdempotentReplay,
  NewDeployment,
} from './DeploymentRecord';
import {
  DeploymentRow,
  changeRow,
  isUniqueViolation,
  keyRow,
  newRow,
  toDeployment,
} from './deploymentRows';

export interface DeploymentStore {
  /** The earlier outcome of a request with this Idempotency-Key, if there was one. */
  findIdempotentReplay(claim: IdempotencyClaim): Promise<IdempotentReplay | undefined>;
  /** The open deployment an event would move on, and what else it is judged against. */
  readEventContext(
    event: { product: string; version: string; environment: string },
    reads?: ReadonlyArray<GateRead<unknown>>,
  ): Promise<EventContext>;
  /**
   * Applies what the domain decided about an event, given the open deployment that
   * `readEventContext` returned: creates the deployment (moving its cell's latest pointer)
   * or moves it on, and stores the idempotency key, atomically and without locks. Returns
   * undefined when a simultaneous event changed the open deployment first: then nothing was
   * written, and the caller reads again and decides again. `within` adds writes that belong
   * to the change (a request's audit entry) in its transaction, called only when a
   * deployment was written; `writes` are the gates' writes that go with it: CTEs of its one
   * statement on PostgreSQL when nothing needs a transaction, else made in its transaction.
   */
  applyEvent(
    decision: EventDecision,
    idempotency?: IdempotencyClaim,
    within?: WritesWithin,
    writes?: readonly GateWrite[],
  ): Promise<AppliedEvent | undefined>;
  get(id: number): Promise<Deployment | undefined>;
  list(filter: DeploymentListFilter): Promise<{ items: Deployment[]; total: number }>;
  /**
   * Locks the deployment, lets `decide` return the change (or throw), applies it. `null`
   * from `decide`: nothing to change; `within` still runs, with the row as it is.
   */
  update(
    id: number,
    decide: (current: Deployment) => DeploymentChange | null,
    within?: WritesWithin,
  ): Promise<Deployment | undefined>;
  /** Locks a deployment for the rest of `tx` (an approval deciding it) and reads it. */
  lockIn(tx: Knex.Transaction, id: number): Promise<Deployment | undefined>;
  /** Applies a change decided under that lock, in `tx`. */
  changeIn(tx: Knex.Transaction, id: number, change: DeploymentChange): Promise<Deployment>;
  /**
   * Deletes unless `refuse` returns a reason, given whether the deployment is the latest of
   * its product × environment. Returns false when there is no such deployment.
   */
  delete(
    id: number,
    refuse: (current: Deployment, isLatestOfCell: boolean) => void,
  ): Promise<boolean>;
  /** The latest deployment of each product + version in each environment. */
  latestForItems(
    items: Array<{ product: string; version: string }>,
  ): Promise<Array<{ id: number; product: string; version: string; environment: string; status: DeploymentStatus }>>;
  /** Product + version pairs deployed successfully to `environment` under this request. */
  successfulForRequest(
    requestId: number,
    environment: string,
  ): Promise<Array<{ product: string; version: string }>>;
  /** Inserts many finished records at once (demo data, benchmarks); returns how many. */
  insertHistory(deployments: NewDeployment[]): Promise<number>;
  count(): Promise<number>;
}

/** Writes made in a deployment change's transaction, given what was written. */
export type WritesWithin = (tx: Knex.Transaction, written: Deployment) => Promise<void>;

const NO_READS: ReadonlyArray<GateRead<unknown>> = [];

export class KnexDeploymentStore implements DeploymentStore {
  private readonly statements = new ComposedStatements();

  constructor(private readonly knex: Knex) {}

  async findIdempotentReplay(claim: IdempotencyClaim): Promise<IdempotentReplay | undefined> {
    const row = await this.knex('idempotency_keys').where({ key: claim.key }).first();
    if (!row) return undefined;
    if (row.request_hash !== claim.requestHash) return { kind: 'mismatch' };
    const deployment = row.deployment_id ? await this.get(Number(row.deployment_id)) : undefined;
    return deployment ? { kind: 'replay', deployment } : { kind: 'in_flight' };
  }

  async readEventContext(
    event: { product: string; version: string; environment: string },
    reads: ReadonlyArray<GateRead<unknown>> = NO_READS,
  ): Promise<EventContext> {
    const { product, version, environment } = event;
    const database = this.knex.client.config.client === 'pg' ? 'pg' : 'sqlite';
    const { name, sql } = this.statements.get('event_context', reads.map(r => r.name), () =>
      eventContext(reads, database),
    );
    const [row] = rowsOf(
      await prepared(this.knex, name, sql, [
        product,
        true,
        ...reads.flatMap(read => read.bindings(event)),
        environment,
        product,
        environment,
        version,
      ]),
    );
    return {
      open: row.id === null ? undefined : toDeployment(row),
      productInCatalog: Boolean(row.product_in_catalog),
      environmentExists: Boolean(row.environment_exists),
      environmentProtection: row.environment_protection ? JSON.parse(row.environment_protection) : null,
      reads: new Map(reads.map(read => [read.name, row[`read_${read.name}`]])),
    };
  }

  async applyEvent(
    decision: EventDecision,
    idempotency?: IdempotencyClaim,
    within?: WritesWithin,
    writes: readonly GateWrite[] = [],
  ): Promise<AppliedEvent | undefined> {
    const outcome = (deployment: Deployment): AppliedEvent => ({
      deployment,
      created: decision.kind === 'create',
      changed: decision.kind !== 'unchanged',
    });
    try {
      let deployment: Deployment | undefined;
      if (decision.kind === 'unchanged') {
        if (idempotency) {
          await this.knex('idempotency_keys').insert(keyRow(idempotency, decision.deployment.id));
        }
        deployment = decision.deployment;
      } else if (decision.kind === 'create') {
        deployment = await this.create(decision.deployment, idempotency, within, writes);
      } else {
        deployment = await this.moveOn(decision, idempotency, within, writes);
      }
      return deployment && outcome(deployment);
    } catch (error) {
      if (idempotency && isUniqueViolation(error)) throw new IdempotencyKeyTakenError();
      throw error;
    }
  }

  /**
   * Inserts the deployment and moves its cell's latest pointer: one statement on PostgreSQL
   * (data-modifying CTEs, atomic without BEGIN/COMMIT round trips, the gates' writes
   * included), a short transaction on SQLite, which has no such CTEs, or when other writes
   * join it. No row when an open deployment exists already.
   */
  private async create(
    deployment: NewDeployment,
    idempotency: IdempotencyClaim | undefined,
    within: WritesWithin | undefined,
    writes: readonly GateWrite[],
  ): Promise<Deployment | undefined> {
    const row = newRow(deployment);
    const values = NEW_DEPLOYMENT_COLUMNS.map(c => row[c]);
    if (this.knex.client.config.client === 'pg' && !within) {
      const withKey = Boolean(idempotency);
      const { name, sql } = this.statements.get(
        'create_deployment',
        [String(withKey), ...writes.map(w => w.name)],
        () => createDeployment(withKey, writes),
      );
      const [written] = rowsOf(
        await prepared(this.knex, name, sql, [
          ...values,
          ...(idempotency
            ? [idempotency.key, idempotency.requestHash, new Date().toISOString()]
            : []),
        ]),
      );
      return written && toDeployment(written);
    }
    return this.knex.transaction(async tx => {
      const [written] = rowsOf(await tx.raw(INSERT_DEPLOYMENT, values));
      if (!written) return undefined;
      const id = Number(written.id);
      await tx.raw(MOVE_CELL, [written.product, written.environment, id]);
      if (idempotency) await tx('idempotency_keys').insert(keyRow(idempotency, id));
      const created = toDeployment(written);
      await writeInTransaction(tx, created, within, writes);
      return created;
    });
  }

  /**
   * Moves the open deployment on, unless it has left the status the decision was made on.
   * Only the status is compared: a change decided on an older version of the row can carry
   * an older ref, sha or metadata, never a transition the lifecycle does not allow.
   */
  private async moveOn(
    decision: Extract<EventDecision, { kind: 'update' }>,
    idempotency: IdempotencyClaim | undefined,
    within: WritesWithin | undefined,
    writes: readonly GateWrite[],
  ): Promise<Deployment | undefined> {
    const update = (db: Knex) =>
      db('deployments')
        .where({ id: decision.id, status: decision.from })
        .update(changeRow(decision.change))
        .returning([...DEPLOYMENT_COLUMNS]);
    if (!idempotency && !within && !writes.length) {
      const [row] = await update(this.knex);
      return row && toDeployment(row);
    }
    if (this.knex.client.config.client === 'pg' && !within) {
      // One statement: the update, its key and the gates' writes as CTEs over `written`.
      const statement = this.knex.with('written', update(this.knex));
      if (idempotency) {
        const { key, request_hash, created_at } = keyRow(idempotency, 0);
        statement.with('claim', this.knex.raw(CLAIM_KEY_OF_WRITTEN, [key, request_hash, created_at]));
      }
      for (const cte of writes.flatMap(w => w.pg)) statement.with(cte.name, this.knex.raw(cte.sql));
      const [row] = await statement.select('*').from('written');
      return row && toDeployment(row);
    }
    return this.knex.transaction(async tx => {
      const [row] = await update(tx);
      if (!row) return undefined;
      if (idempotency) await tx('idempotency_keys').insert(keyRow(idempotency, Number(row.id)));
      const moved = toDeployment(row);
      await writeInTransaction(tx, moved, within, writes);
      return moved;
    });
  }

  async get(id: number): Promise<Deployment | undefined> {
    const row = await this.knex<DeploymentRow>('deployments').where({ id }).first();
    return row ? toDeployment(row) : undefined;
  }

  async list(filter: DeploymentListFilter): Promise<{ items: Deployment[]; total: number }> {
    const query = this.knex<DeploymentRow>('deployments');
    if (filter.products) query.whereIn('product', filter.products);
    if (filter.environment) query.where('environment', filter.environment);
    if (filter.status) query.where('status', filter.status);
    if (filter.updatedAfter) query.where('updated_at', '>', filter.updatedAfter);
    if (filter.updatedBefore) query.where('updated_at', '<', filter.updatedBefore);
    if (filter.finishedAfter) query.where('finished_at', '>', filter.finishedAfter);
    if (filter.finishedBefore) query.where('finished_at', '<', filter.finishedBefore);

    // iid is the same number as id here (one sequence, no per-project numbering).
    const column = filter.orderBy === 'iid' ? 'id' : filter.orderBy;
    const [rows, [{ count }]] = await Promise.all([
      query
        .clone()
        .select('*')
        .orderBy([
          { column, order: filter.sort },
          ...(column === 'id' ? [] : [{ column: 'id', order: filter.sort }]),
        ])
        .offset(filter.offset)
        .limit(filter.limit),
      query.clone().count({ count: '*' }),
    ]);
    return { items: rows.map(toDeployment), total: Number(count) };
  }

  async update(
    id: number,
    decide: (current: Deployment) => DeploymentChange | null,
    within?: WritesWithin,
  ): Promise<Deployment | undefined> {
    return this.knex.transaction(async tx => {
      const row = await lockForUpdate(tx, tx<DeploymentRow>('deployments').where({ id }).first());
      if (!row) return undefined;
      const current = toDeployment(row);
      const change = decide(current);
      const updated = change ? await this.changeIn(tx, id, change) : current;
      await within?.(tx, updated);
      return updated;
    });
  }

  async lockIn(tx: Knex.Transaction, id: number): Promise<Deployment | undefined> {
    const row = await lockForUpdate(tx, tx<DeploymentRow>('deployments').where({ id }).first());
    return row ? toDeployment(row) : undefined;
  }

  async changeIn(tx: Knex.Transaction, id: number, change: DeploymentChange): Promise<Deployment> {
    await tx('deployments').where({ id }).update(changeRow(change));
    return toDeployment((await tx<DeploymentRow>('deployments').where({ id }).first())!);
  }

  async delete(
    id: number,
    refuse: (current: Deployment, isLatestOfCell: boolean) => void,
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const row = await tx<DeploymentRow>('deployments').where({ id }).first();
      if (!row) return false;
      const cell = await lockForUpdate(
        tx,
        tx('deployment_cells')
          .where({ product: row.product, environment: row.environment })
          .first(),
      );
      refuse(toDeployment(row), Number(cell?.latest_deployment_id) === Number(row.id));
      await tx('deployments').where({ id }).delete();
      return true;
    });
  }

  async insertHistory(deployments: NewDeployment[]): Promise<number> {
    if (deployments.length === 0) return 0;
    await this.knex.transaction(async tx => {
      for (let i = 0; i < deployments.length; i += 100) {
        await tx('deployments').insert(deployments.slice(i, i + 100).map(newRow));
      }
      // Point each touched cell at its newest record.
      const cells = new Map<string, { product: string; environment: string }>();
      for (const d of deployments) {
        cells.set(`${d.product}\u0000${d.environment}`, {
          product: d.product,
          environment: d.environment,
        });
      }
      for (const cell of cells.values()) {
        const [{ max }] = await tx('deployments').where(cell).max({ max: 'id' });
        await tx('deployment_cells')
          .insert({ ...cell, latest_deployment_id: Number(max) })
          .onConflict(['product', 'environment'])
          .merge(['latest_deployment_id']);
      }
    });
    return deployments.length;
  }

  async latestForItems(items: Array<{ product: string; version: string }>) {
    if (items.length === 0) return [];
    const latest = this.knex('deployments')
      .whereIn(
        ['product', 'version'],
        items.map(i => [i.product, i.version]),
      )
      .groupBy('product', 'version', 'environment')
      .max({ id: 'id' });
    const rows = await this.knex('deployments as d')
      .join(latest.as('m'), 'm.id', 'd.id')
      .select('d.id', 'd.product', 'd.version', 'd.environment', 'd.status');
    return rows.map(r => ({ ...r, id: Number(r.id) }));
  }

  async successfulForRequest(requestId: number, environment: string) {
    return this.knex('deployments')
      .where({ deployment_request_id: requestId, environment, status: 'success' })
      .distinct('product', 'version');
  }

  async count(): Promise<number> {
    const [{ count }] = await this.knex('deployments').count({ count: '*' });
    return Number(count);
  }
}
