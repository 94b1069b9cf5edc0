import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import { FreezeRecord } from './freezeSchedule';

type FreezeRow = {
  id: number;
  environment: string | null;
  reason: string;
  starts_at: string | Date | null;
  ends_at: string | Date | null;
  cron: string | null;
  duration_minutes: number | null;
  timezone: string | null;
  created_by: string;
  created_at: string | Date;
};

function toFreeze(row: FreezeRow): FreezeRecord {
  return {
    id: Number(row.id),
    environment: row.environment,
    reason: row.reason,
    start: toIsoString(row.starts_at),
    end: toIsoString(row.ends_at),
    cron: row.cron,
    durationMinutes:
      row.duration_minutes === null ? null : Number(row.duration_minutes),
    timezone: row.timezone,
    createdBy: row.created_by,
    createdAt: toIsoString(row.created_at),
  };
}

export type NewFreeze = Omit<FreezeRecord, 'id'>;

/** Deployment freezes of environments (environment null: all of them). */
export interface FreezeStore {
  create(freeze: NewFreeze): Promise<FreezeRecord>;
  get(id: number): Promise<FreezeRecord | undefined>;
  /** Every freeze that has not ended by `now` (recurring ones never end). */
  listCurrent(now: string): Promise<FreezeRecord[]>;
  /**
   * The freezes that may hold `environment` at `now`, in one statement: its own and the
   * global ones, one-off windows around `now` and every recurring one (their schedule is
   * worked out in code). What the freeze gate reads on every deployment event.
   */
  candidates(environment: string, now: string): Promise<FreezeRecord[]>;
  delete(id: number): Promise<boolean>;
}

export class KnexFreezeStore implements FreezeStore {
  constructor(private readonly knex: Knex) {}

  async create(freeze: NewFreeze): Promise<FreezeRecord> {
    const [row] = await this.knex<FreezeRow>('environment_freezes')
      .insert({
        environment: freeze.environment,
        reason: freeze.reason,
        starts_at: freeze.start,
        ends_at: freeze.end,
        cron: freeze.cron,
        duration_minutes: freeze.durationMinutes,
        timezone: freeze.timezone,
        created_by: freeze.createdBy,
        created_at: freeze.createdAt,
      })
      .returning('*');
    return toFreeze(row as FreezeRow);
  }

  async get(id: number): Promise<FreezeRecord | undefined> {
    const row = await this.knex<FreezeRow>('environment_freezes')
      .where({ id })
      .first();
    return row ? toFreeze(row) : undefined;
  }

  async listCurrent(now: string): Promise<FreezeRecord[]> {
    const rows = await this.knex<FreezeRow>('environment_freezes')
      .where(q =>
        q
          .whereNotNull('cron')
          .orWhereNull('ends_at')
          .orWhere('ends_at', '>', now),
      )
      .orderBy('id', 'asc');
    return rows.map(toFreeze);
  }

  async candidates(environment: string, now: string): Promise<FreezeRecord[]> {
    const rows = await this.knex<FreezeRow>('environment_freezes')
      .where(q => q.where({ environment }).orWhereNull('environment'))
      .andWhere(q =>
        q
          .whereNotNull('cron')
          .orWhere(w =>
            w
              .where('starts_at', '<=', now)
              .andWhere(e =>
                e.whereNull('ends_at').orWhere('ends_at', '>', now),
              ),
          ),
      );
    return rows.map(toFreeze);
  }

  async delete(id: number): Promise<boolean> {
    return (await this.knex('environment_freezes').where({ id }).delete()) > 0;
  }
}
