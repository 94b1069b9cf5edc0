import { Knex } from 'knex';
import {
  BreakGlassDeployment,
  DeploymentStatus,
  productNameOf,
} from '@shipgate/plugin-deployments-common';
import { toIsoString } from '../database/timestamps';

/** A break-glass session as stored. */
export interface BreakGlassRecord {
  id: number;
  environment: string;
  reason: string;
  openedBy: string;
  openedAt: string;
  expiresAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

type SessionRow = {
  id: number | string;
  environment: string;
  reason: string;
  opened_by: string;
  opened_at: string | Date;
  expires_at: string | Date;
  closed_at: string | Date | null;
  closed_by: string | null;
};

function toRecord(row: SessionRow): BreakGlassRecord {
  return {
    id: Number(row.id),
    environment: row.environment,
    reason: row.reason,
    openedBy: row.opened_by,
    openedAt: toIsoString(row.opened_at),
    expiresAt: toIsoString(row.expires_at),
    closedAt: toIsoString(row.closed_at),
    closedBy: row.closed_by,
  };
}

/** Break-glass sessions, and the deployments recorded under them. */
export interface BreakGlassStore {
  /** Opens a session unless one is open for the environment at `now` (then undefined). */
  open(
    session: Omit<BreakGlassRecord, 'id' | 'closedAt' | 'closedBy'>,
  ): Promise<BreakGlassRecord | undefined>;
  get(id: number): Promise<BreakGlassRecord | undefined>;
  /** Closes an open session early; undefined when it is not open at `now`. */
  close(
    id: number,
    by: string,
    now: string,
  ): Promise<BreakGlassRecord | undefined>;
  /** Sessions open at `now`, of every environment. */
  listOpen(now: string): Promise<BreakGlassRecord[]>;
  /** Sessions of an environment (or all) that were open at some time in [from, to], newest first. */
  list(filter: {
    environment?: string;
    from?: string;
    to?: string;
  }): Promise<BreakGlassRecord[]>;
  /** The deployments recorded under these sessions, by session id. */
  deploymentsOf(ids: number[]): Promise<Map<number, BreakGlassDeployment[]>>;
}

const isOpenAt = (q: Knex.QueryBuilder, now: string) =>
  q.whereNull('closed_at').andWhere('expires_at', '>', now);

export class KnexBreakGlassStore implements BreakGlassStore {
  constructor(private readonly knex: Knex) {}

  async open(session: Omit<BreakGlassRecord, 'id' | 'closedAt' | 'closedBy'>) {
    return this.knex.transaction(async tx => {
      // One open session per environment: the report stays one row per incident.
      const existing = await isOpenAt(
        tx('break_glass_sessions').where({ environment: session.environment }),
        session.openedAt,
      ).first();
      if (existing) return undefined;
      const [row] = await tx<SessionRow>('break_glass_sessions')
        .insert({
          environment: session.environment,
          reason: session.reason,
          opened_by: session.openedBy,
          opened_at: session.openedAt,
          expires_at: session.expiresAt,
        })
        .returning('*');
      return toRecord(row as SessionRow);
    });
  }

  async get(id: number) {
    const row = await this.knex<SessionRow>('break_glass_sessions')
      .where({ id })
      .first();
    return row ? toRecord(row) : undefined;
  }

  async close(id: number, by: string, now: string) {
    const count = await isOpenAt(
      this.knex('break_glass_sessions').where({ id }),
      now,
    ).update({
      closed_at: now,
      closed_by: by,
    });
    return count ? this.get(id) : undefined;
  }

  async listOpen(now: string) {
    const rows = await isOpenAt(this.knex('break_glass_sessions'), now).orderBy(
      'id',
      'asc',
    );
    return rows.map(toRecord);
  }

  async list(filter: { environment?: string; from?: string; to?: string }) {
    const query = this.knex<SessionRow>('break_glass_sessions');
    if (filter.environment) query.where('environment', filter.environment);
    // Overlaps [from, to]: opened before its end, and ended (closed or expired) after its start.
    if (filter.to) query.where('opened_at', '<=', filter.to);
    if (filter.from) {
      const from = filter.from;
      query.where(q =>
        q
          .where(w =>
            w.whereNull('closed_at').andWhere('expires_at', '>=', from),
          )
          .orWhere('closed_at', '>=', from),
      );
    }
    const rows = await query
      .orderBy('opened_at', 'desc')
      .orderBy('id', 'desc')
      .limit(500);
    return rows.map(toRecord);
  }

  async deploymentsOf(ids: number[]) {
    const byId = new Map<number, BreakGlassDeployment[]>(
      ids.map(id => [id, []]),
    );
    if (ids.length === 0) return byId;
    const rows = await this.knex('deployments')
      .whereIn('break_glass_id', ids)
      .select(
        'id',
        'product',
        'version',
        'status',
        'deployed_by',
        'created_at',
        'break_glass_id',
      )
      .orderBy('id', 'asc');
    for (const row of rows) {
      byId.get(Number(row.break_glass_id))?.push({
        id: Number(row.id),
        product: row.product,
        product_name: productNameOf(row.product),
        version: row.version,
        status: row.status as DeploymentStatus,
        deployed_by: row.deployed_by,
        created_at: toIsoString(row.created_at),
      });
    }
    return byId;
  }
}
