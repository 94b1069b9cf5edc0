import { Knex } from 'knex';
import { toIsoString } from '../database/timestamps';
import { GateRead, nullableNumber, onBothDatabases, readAlone } from '../gates/GateRead';
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

const FREEZE_COLUMNS =
  'id, environment, reason, starts_at, ends_at, cron, duration_minutes, timezone, created_by, created_at';

/** The freezes that may hold an environment at a time: its own and the global ones, one-off windows around it, every recurring one. */
const MAY_HOLD = `from environment_freezes
  where (environment = ? or environment is null)
    and (cron is not null or (starts_at <= ? and (ends_at is null or ends_at > ?)))`;

/** The same, as one JSON array text. */
const FREEZES_READ = {
  pg: `select coalesce(json_agg(f order by f.id), '[]')::text
    from (select ${FREEZE_COLUMNS} ${MAY_HOLD}) f`,
  sqlite: `select json_group_array(json_object(${FREEZE_COLUMNS.split(', ')
    .map(c => `'${c}', ${c}`)
    .join(', ')}))
    from (select ${FREEZE_COLUMNS} ${MAY_HOLD} order by id)`,
};

/** The environment's open break-glass session. */
const OPEN_BREAK_GLASS = `select max(id) from break_glass_sessions
  where environment = ? and closed_at is null and expires_at > ?`;

export type NewFreeze = Omit<FreezeRecord, 'id'>;

/** The freeze gate's reads of an event's context. */
export type FreezeGateReads = {
  freezes: GateRead<FreezeRecord[], { environment: string }>;
  breakGlassId: GateRead<number | null, { environment: string }>;
};

/** Deployment freezes of environments (environment null: all of them). */
export interface FreezeStore {
  create(freeze: NewFreeze): Promise<FreezeRecord>;
  get(id: number): Promise<FreezeRecord | undefined>;
  /** Every freeze that has not ended by `now` (recurring ones never end). */
  listCurrent(now: string): Promise<FreezeRecord[]>;
  /**
   * What the freeze gate reads on every deployment event, in one statement: the freezes
   * that may hold `environment` at `now` (its own and the global ones; one-off windows
   * around `now` and every recurring one, whose schedule is worked out in code), and the
   * id of the environment's open break-glass session, if any.
   */
  gateState(
    environment: string,
    now: string,
  ): Promise<{ freezes: FreezeRecord[]; breakGlassId: number | null }>;
  /**
   * `gateState` as two reads of a deployment event's context (the freezes, the open
   * break-glass session's id), bound to the environment and to `now()` when read.
   */
  gateStateReads(now: () => string): FreezeGateReads;
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

  gateState(environment: string, now: string) {
    return readAlone(this.knex, 'freeze_gate_state', this.gateStateReads(() => now), { environment });
  }

  gateStateReads(now: () => string): FreezeGateReads {
    return {
      freezes: {
        name: 'freezes',
        sql: FREEZES_READ,
        bindings: (event: { environment: string }) => {
          const at = now();
          return [event.environment, at, at];
        },
        parse: (value: unknown) =>
          (JSON.parse(String(value ?? '[]')) as FreezeRow[]).map(toFreeze),
      },
      breakGlassId: {
        name: 'break_glass_id',
        sql: onBothDatabases(OPEN_BREAK_GLASS),
        bindings: (event: { environment: string }) => [
          event.environment,
          now(),
        ],
        parse: nullableNumber,
      },
    };
  }

  async delete(id: number): Promise<boolean> {
    return (await this.knex('environment_freezes').where({ id }).delete()) > 0;
  }
}
