import { Knex } from 'knex';
import { PromotionPreview, PromotionStatus } from '@shipgate/plugin-deployments-common';
import { toIsoString } from '../database/timestamps';
import { Transaction, lockForUpdate } from '../database/transactions';

/** A promotion as stored (approvals live in the approvals engine). */
export interface PromotionRow {
  id: number;
  product: string;
  source: string;
  target: string;
  status: PromotionStatus;
  requestedBy: string;
  notes: string | null;
  requiredApprovals: number;
  preview: PromotionPreview;
  deploymentId: number | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

function toRow(row: Record<string, any>): PromotionRow {
  return {
    id: Number(row.id),
    product: row.product,
    source: row.source,
    target: row.target,
    status: row.status,
    requestedBy: row.requested_by,
    notes: row.notes ?? null,
    requiredApprovals: Number(row.required_approvals),
    preview: JSON.parse(row.preview),
    deploymentId: row.deployment_id === null ? null : Number(row.deployment_id),
    createdAt: toIsoString(row.created_at),
    updatedAt: toIsoString(row.updated_at),
    finishedAt: toIsoString(row.finished_at),
  };
}

export const openKeyOf = (product: string, target: string) => `${product}|${target}`;

export interface PromotionFilter {
  product: string;
  environment?: string;
  status?: PromotionStatus;
  requester?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

/** Thrown when a target already has an open promotion (the unique open key). */
export class OpenPromotionExistsError extends Error {}

/** Promotion requests. */
export interface PromotionStore {
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  create(
    tx: Transaction,
    promotion: Omit<PromotionRow, 'id' | 'updatedAt' | 'finishedAt' | 'deploymentId'>,
  ): Promise<number>;
  get(id: number, tx?: Transaction): Promise<PromotionRow | undefined>;
  lock(tx: Transaction, id: number): Promise<PromotionRow | undefined>;
  /** Moves the status; finished ones (completed, rejected) get their finish time. */
  setStatus(
    id: number,
    status: PromotionStatus,
    now: string,
    extra?: { deploymentId?: number },
    tx?: Transaction,
  ): Promise<void>;
  list(filter: PromotionFilter): Promise<{ items: PromotionRow[]; total: number }>;
  /**
   * Open promotions (pending approval or release), oldest first: of the given products
   * (every product when `products` is undefined), plus those `requestedBy` asked for.
   */
  open(filter: {
    products?: string[];
    requestedBy?: string;
    limit: number;
  }): Promise<PromotionRow[]>;
  /** Whether any promotion waits for an approval or a release. */
  anyOpen(): Promise<boolean>;
}

export class KnexPromotionStore implements PromotionStore {
  constructor(private readonly knex: Knex) {}

  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(work);
  }

  async create(
    tx: Transaction,
    p: Omit<PromotionRow, 'id' | 'updatedAt' | 'finishedAt' | 'deploymentId'>,
  ) {
    const open = p.status === 'pending_approval';
    try {
      const [inserted] = await tx('promotions').insert(
        {
          product: p.product,
          source: p.source,
          target: p.target,
          status: p.status,
          requested_by: p.requestedBy,
          notes: p.notes,
          required_approvals: p.requiredApprovals,
          preview: JSON.stringify(p.preview),
          change_count: p.preview.changes.total,
          open_key: open ? openKeyOf(p.product, p.target) : null,
          created_at: p.createdAt,
          updated_at: p.createdAt,
          finished_at: p.status === 'completed' || p.status === 'rejected' ? p.createdAt : null,
        },
        ['id'],
      );
      return Number(typeof inserted === 'object' ? inserted.id : inserted);
    } catch (error) {
      if (/unique|duplicate/i.test(String((error as Error).message))) {
        throw new OpenPromotionExistsError();
      }
      throw error;
    }
  }

  async get(id: number, tx?: Transaction) {
    const row = await (tx ?? this.knex)('promotions').where({ id }).first();
    return row ? toRow(row) : undefined;
  }

  async lock(tx: Transaction, id: number) {
    const row = await lockForUpdate(this.knex, tx('promotions').where({ id }).first());
    return row ? toRow(row) : undefined;
  }

  async setStatus(
    id: number,
    status: PromotionStatus,
    now: string,
    extra: { deploymentId?: number } = {},
    tx?: Transaction,
  ) {
    await (tx ?? this.knex)('promotions')
      .where({ id })
      .update({
        status,
        updated_at: now,
        ...(status === 'pending_approval' ? {} : { open_key: null }),
        ...(status === 'completed' || status === 'rejected' ? { finished_at: now } : {}),
        ...(extra.deploymentId !== undefined ? { deployment_id: extra.deploymentId } : {}),
      });
  }

  async list(filter: PromotionFilter) {
    const query = () => {
      const q = this.knex('promotions').where({ product: filter.product });
      if (filter.environment) {
        q.andWhere(w => w.where({ source: filter.environment }).orWhere({ target: filter.environment }));
      }
      if (filter.status) q.andWhere({ status: filter.status });
      if (filter.requester) q.andWhere({ requested_by: filter.requester });
      if (filter.from) q.andWhere('created_at', '>=', filter.from);
      if (filter.to) q.andWhere('created_at', '<=', filter.to);
      return q;
    };
    const [rows, [{ count }]] = await Promise.all([
      query().orderBy('id', 'desc').offset(filter.offset).limit(filter.limit),
      query().count({ count: '*' }),
    ]);
    return { items: rows.map(toRow), total: Number(count) };
  }

  async anyOpen(): Promise<boolean> {
    const row = await this.knex('promotions')
      .whereIn('status', ['pending_approval', 'pending_release'])
      .first('id');
    return row !== undefined;
  }

  async open(filter: { products?: string[]; requestedBy?: string; limit: number }) {
    const { products, requestedBy } = filter;
    const query = this.knex('promotions').whereIn('status', ['pending_approval', 'pending_release']);
    if (products) {
      // whereIn with no products is false: then only the caller's own promotions.
      query.andWhere(w => {
        w.whereIn('product', products);
        if (requestedBy) w.orWhere({ requested_by: requestedBy });
      });
    }
    const rows = await query.orderBy('id', 'asc').limit(filter.limit);
    return rows.map(toRow);
  }
}
