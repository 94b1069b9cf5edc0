import { Knex } from 'knex';
import { GateRead, nullableNumber, onBothDatabases } from '../gates/GateRead';
import {
  DeploymentRequestState,
  OPEN_DEPLOYMENT_REQUEST_STATES,
} from '@shipgate/plugin-deployments-common';
import { Transaction, inTransaction, lockForUpdate, readAll } from '../database/transactions';
import { groupBy } from '../database/groupBy';
import { prepared, rowsOf } from '../database/prepared';
import {
  RequestContents,
  RequestFields,
  RequestHead,
  RequestRow,
} from './DeploymentRequestRecord';
import { Row, inOrderOf, toFields, toHeads, toStep } from './requestRows';

/** What the store writes of a request's contents; its slots belong to the approvals engine. */
export type StoredContents = Omit<RequestContents, 'slots'>;

/** Whose steps to list: see {@link DeploymentRequestStore.openSteps}. */
export interface StepAssignee {
  userRef: string;
  roles: readonly string[];
  /** Steps that name no role, on every request rather than only the assignee's own. */
  anyUnassigned: boolean;
}

/** Who wrote a new request and where it came from. */
export interface RequestMeta {
  createdBy: string;
  templateId: number | null;
  clonedFromId: number | null;
  /** Whether it holds deployment events that name no request (its writer speaks for its products). */
  gatesUnnamedEvents: boolean;
}

/** What a unit of work may change on a locked request. */
export interface RequestMutations {
  /** The transaction it runs in, for the approvals engine and the audit log to join. */
  tx: Transaction;
  setState(
    state: DeploymentRequestState,
    timestamps?: { submittedAt?: string; resolvedAt?: string; completedAt?: string },
  ): Promise<void>;
  replaceContents(
    contents: StoredContents,
    templateId: number | null | undefined,
    gatesUnnamedEvents: boolean,
  ): Promise<void>;
  completeStep(stepId: number, completedBy: string, note: string | null): Promise<void>;
  /** Marks the request changed (a decision on one of its slots). */
  touch(): Promise<void>;
}

export interface RequestListFilter {
  /** Requests that list any of these products (a system's components). */
  products?: string[];
  environment?: string;
  states?: DeploymentRequestState[];
  createdBy?: string;
  /** Only these requests (e.g. those with a slot the caller may decide). */
  ids?: number[];
  offset: number;
  limit: number;
}

export interface DeploymentRequestStore {
  create(
    tx: Transaction,
    contents: StoredContents,
    meta: RequestMeta,
    now: string,
  ): Promise<number>;
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  get(id: number, tx?: Transaction): Promise<RequestRow | undefined>;
  getMany(ids: number[], tx?: Transaction): Promise<RequestRow[]>;
  /** Requests without their steps, in the order of `ids` (lists). */
  heads(ids: number[]): Promise<RequestHead[]>;
  list(filter: RequestListFilter): Promise<{ ids: number[]; total: number }>;
  /**
   * Runs `work` on the request with its row locked, in one transaction (`tx` when given):
   * concurrent units of work on one request run one after the other. Returns undefined
   * when there is no request.
   */
  mutate<T>(
    id: number,
    now: string,
    work: (current: RequestRow, mutations: RequestMutations) => Promise<T>,
    tx?: Transaction,
  ): Promise<T | undefined>;
  /** Locks the request's row for the rest of `tx` and reads it (undefined when there is none). */
  lock(tx: Transaction, id: number): Promise<RequestRow | undefined>;
  /** `lock`, reading only the request's own fields: no items, no steps (one statement). */
  lockFields(tx: Transaction, id: number): Promise<RequestFields | undefined>;
  /** The writes a unit of work may make on a request it has locked in `tx`. */
  mutationsOf(tx: Transaction, id: number, now: string): RequestMutations;
  /**
   * Open steps of active requests (pre: in progress or approved; post: approved), of those
   * an assignee completes when given: steps naming one of their roles, and steps naming
   * none on their own requests (or on anyone's).
   */
  openSteps(scope: { assignee?: StepAssignee; products?: string[] }): Promise<
    Array<{ stepId: number; requestId: number }>
  >;
  /** Open requests (approved first, then newest) that list this product version for this environment. */
  findOpenFor(product: string, version: string, environment: string): Promise<number[]>;
  /** The first of `findOpenFor` (the approved one first), as a read of a deployment event's context. */
  readonly openRequestRead: GateRead<number | null>;
  /** Ids of the requests in these states that list any of these products. */
  idsListing(products: string[], states: readonly DeploymentRequestState[]): Promise<number[]>;
}


const quoted = (values: readonly string[]) => values.map(v => `'${v}'`).join(', ');

/**
 * Every deployment event asks it (the deployment-request gate), so it is fixed text,
 * prepared on PostgreSQL. Bindings: environment, product, version.
 */
const OPEN_REQUESTS_FOR = `select r.id from deployment_requests r
join deployment_request_items i on i.request_id = r.id
where r.environment = ? and i.product = ? and i.version = ?
  and r.gates_unnamed_events
  and r.state in (${quoted(OPEN_DEPLOYMENT_REQUEST_STATES)})
order by case when r.state = 'approved' then 0 else 1 end, r.id desc`;

/** The request gating an event that names none: the first of OPEN_REQUESTS_FOR. */
export const OPEN_REQUEST_READ: GateRead<number | null> = {
  name: 'open_request_id',
  sql: onBothDatabases(`${OPEN_REQUESTS_FOR} limit 1`),
  bindings: event => [event.environment, event.product, event.version],
  parse: nullableNumber,
};

export class KnexDeploymentRequestStore implements DeploymentRequestStore {
  readonly openRequestRead = OPEN_REQUEST_READ;

  constructor(private readonly knex: Knex) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(work);
  }

  async create(
    tx: Transaction,
    contents: StoredContents,
    meta: RequestMeta,
    now: string,
  ): Promise<number> {
    const [inserted] = await tx('deployment_requests').insert(
      {
        title: contents.title,
        description: contents.description,
        environment: contents.environment,
        state: 'draft',
        created_by: meta.createdBy,
        gates_unnamed_events: meta.gatesUnnamedEvents,
        template_id: meta.templateId,
        cloned_from_id: meta.clonedFromId,
        created_at: now,
        updated_at: now,
      },
      ['id'],
    );
    const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
    await this.writeContents(tx, id, contents);
    return id;
  }

  async get(id: number, tx?: Transaction): Promise<RequestRow | undefined> {
    const [request] = await this.load(tx ?? this.knex, [id]);
    return request;
  }

  async getMany(ids: number[], tx?: Transaction): Promise<RequestRow[]> {
    if (ids.length === 0) return [];
    return inOrderOf(ids, await this.load(tx ?? this.knex, ids));
  }

  async heads(ids: number[]): Promise<RequestHead[]> {
    if (ids.length === 0) return [];
    const [requests, items] = await readAll<[Row[], Row[]]>(this.knex, [
      () => this.knex('deployment_requests').whereIn('id', ids),
      () => this.itemsOf(this.knex, ids),
    ]);
    return inOrderOf(ids, toHeads(requests, items));
  }

  async list(filter: RequestListFilter): Promise<{ ids: number[]; total: number }> {
    const query = this.knex('deployment_requests as r');
    if (filter.environment) query.where('r.environment', filter.environment);
    if (filter.states?.length) query.whereIn('r.state', filter.states);
    if (filter.createdBy) query.where('r.created_by', filter.createdBy);
    if (filter.ids) query.whereIn('r.id', filter.ids);
    if (filter.products) {
      query.whereExists(
        this.knex('deployment_request_items as i')
          .whereRaw('i.request_id = r.id')
          .whereIn('i.product', filter.products),
      );
    }
    const [rows, [{ count }]] = await Promise.all([
      query
        .clone()
        .select('r.id')
        .orderBy('r.id', 'desc')
        .offset(filter.offset)
        .limit(filter.limit),
      query.clone().count({ count: '*' }),
    ]);
    return { ids: rows.map(r => Number(r.id)), total: Number(count) };
  }

  async mutate<T>(
    id: number,
    now: string,
    work: (current: RequestRow, mutations: RequestMutations) => Promise<T>,
    outer?: Transaction,
  ): Promise<T | undefined> {
    return inTransaction(this.knex, outer, async tx => {
      const current = await this.lock(tx, id);
      if (!current) return undefined;
      return work(current, this.mutationsOf(tx, id, now));
    });
  }

  mutationsOf(tx: Transaction, id: number, now: string): RequestMutations {
    const touch = async () => {
      await tx('deployment_requests').where({ id }).update({ updated_at: now });
    };
    return {
      tx,
      setState: async (state, timestamps = {}) => {
        await tx('deployment_requests')
          .where({ id })
          .update({
            state,
            updated_at: now,
            ...(timestamps.submittedAt ? { submitted_at: timestamps.submittedAt } : {}),
            ...(timestamps.resolvedAt ? { resolved_at: timestamps.resolvedAt } : {}),
            ...(timestamps.completedAt ? { completed_at: timestamps.completedAt } : {}),
          });
      },
      replaceContents: async (contents, templateId, gatesUnnamedEvents) => {
        await tx('deployment_requests')
          .where({ id })
          .update({
            gates_unnamed_events: gatesUnnamedEvents,
            title: contents.title,
            description: contents.description,
            environment: contents.environment,
            ...(templateId !== undefined ? { template_id: templateId } : {}),
            updated_at: now,
          });
        await tx('deployment_request_items').where({ request_id: id }).delete();
        await tx('deployment_request_steps').where({ request_id: id }).delete();
        await this.writeContents(tx, id, contents);
      },
      completeStep: async (stepId, completedBy, note) => {
        await tx('deployment_request_steps')
          .where({ id: stepId, request_id: id })
          .update({ completed_by: completedBy, completed_at: now, note });
        await touch();
      },
      touch,
    };
  }

  async lock(tx: Transaction, id: number): Promise<RequestRow | undefined> {
    const locked = await lockForUpdate(tx, tx('deployment_requests').where({ id }));
    return locked.length ? (await this.load(tx, [id], locked))[0] : undefined;
  }

  async lockFields(tx: Transaction, id: number): Promise<RequestFields | undefined> {
    const [row] = await lockForUpdate(tx, tx('deployment_requests').where({ id }));
    return row ? toFields(row) : undefined;
  }

  async openSteps(scope: { assignee?: StepAssignee; products?: string[] }) {
    const query = this.knex('deployment_request_steps as st')
      .join('deployment_requests as r', 'r.id', 'st.request_id')
      .whereNull('st.completed_at')
      .where(b =>
        b
          .where(bb => bb.where('st.phase', 'pre').whereIn('r.state', ['in_progress', 'approved']))
          .orWhere(bb => bb.where('st.phase', 'post').where('r.state', 'approved')),
      )
      .select('st.id as step_id', 'st.request_id')
      .orderBy('st.request_id', 'asc')
      .orderBy('st.position', 'asc')
      .limit(500);
    const { assignee } = scope;
    if (assignee) {
      query.where(b => {
        if (assignee.roles.length) b.whereIn('st.role', assignee.roles);
        if (assignee.anyUnassigned) b.orWhereNull('st.role');
        else b.orWhere(bb => bb.whereNull('st.role').where('r.created_by', assignee.userRef));
      });
    }
    if (scope.products) {
      query.whereExists(
        this.knex('deployment_request_items as i')
          .whereRaw('i.request_id = r.id')
          .whereIn('i.product', scope.products),
      );
    }
    const rows = await query;
    return rows.map(r => ({ stepId: Number(r.step_id), requestId: Number(r.request_id) }));
  }

  async findOpenFor(product: string, version: string, environment: string) {
    const rows = rowsOf(
      await prepared(this.knex, 'open_requests_for', OPEN_REQUESTS_FOR, [environment, product, version]),
    );
    return rows.map(r => Number(r.id));
  }

  async idsListing(products: string[], states: readonly DeploymentRequestState[]) {
    const rows = await this.knex('deployment_requests as r')
      .join('deployment_request_items as i', 'i.request_id', 'r.id')
      .whereIn('i.product', products)
      .whereIn('r.state', states)
      .distinct('r.id');
    return rows.map(r => Number(r.id));
  }

  private async writeContents(tx: Knex, id: number, contents: StoredContents) {
    if (contents.items.length) {
      await tx('deployment_request_items').insert(
        contents.items.map((item, position) => ({ request_id: id, ...item, position })),
      );
    }
    const steps = [
      ...contents.preSteps.map(({ title, role }) => ({ phase: 'pre', title, role })),
      ...contents.postSteps.map(({ title, role }) => ({ phase: 'post', title, role })),
    ];
    if (steps.length) {
      await tx('deployment_request_steps').insert(
        steps.map((step, position) => ({ request_id: id, ...step, position })),
      );
    }
  }

  /** Loads requests with their items and steps: three queries in all. */
  /** Requests with their items and steps; `rows`: the requests' own rows, read already. */
  private async load(db: Knex, ids: number[], rows?: Row[]): Promise<RequestRow[]> {
    const [requests, items, steps] = await readAll<[Row[], Row[], Row[]]>(db, [
      () => (rows ? Promise.resolve(rows) : db('deployment_requests').whereIn('id', ids)),
      () => this.itemsOf(db, ids),
      () => db('deployment_request_steps').whereIn('request_id', ids).orderBy('position'),
    ]);
    const stepsOf = groupBy(steps, st => Number(st.request_id));
    return toHeads(requests, items).map(head => ({
      ...head,
      steps: (stepsOf.get(head.id) ?? []).map(toStep),
    }));
  }

  private itemsOf(db: Knex, ids: number[]) {
    return db('deployment_request_items')
      .whereIn('request_id', ids)
      .orderBy('position')
      .select('id', 'request_id', 'product', 'version');
  }
}
