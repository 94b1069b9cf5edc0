import { Knex } from 'knex';
import { prepared, rowsOf } from '../database/prepared';

/**
 * What a gate reads about a deployment event, as one column of the statement that reads the
 * event's context: the gates' reads cost no statement of their own, and every event reads
 * afresh, so another replica never judges by stale policy (the rules read binds the revision
 * it holds them at, and is answered the rules only when they changed). The store that owns
 * the tables writes the SQL; the gate only names what it needs.
 */
export interface GateRead<T, E = GateReadEvent> {
  /** The column it comes back as; gates that need the same fact name the same read. */
  name: string;
  /** A scalar subquery, per database, whose `?` are bound to `bindings(event)` in order. */
  sql: { pg: string; sqlite: string };
  bindings(event: E): unknown[];
  /** The column's raw value as the gate judges by it, for the event it was bound to. */
  parse(value: unknown, event: E): T;
}

/** The facts of an event its reads are bound to. */
export interface GateReadEvent {
  product: string;
  version: string;
  environment: string;
}

/** The raw values of an event's reads, by name. */
export type GateReadValues = ReadonlyMap<string, unknown>;

/** Reads that belong together, by key (a gate's freezes and its open break-glass session). */
export type GateReads<E = GateReadEvent> = Record<string, GateRead<unknown, E>>;

/** What a set of reads yields, by the same keys. */
export type GateReadsValues<R extends GateReads<any>> = {
  [K in keyof R]: R[K] extends GateRead<infer T, any> ? T : never;
};

/** A subquery that is the same text on both databases. */
export const onBothDatabases = (sql: string) => ({ pg: sql, sqlite: sql });

/** A read's raw value as an id or a count, null when the subquery found nothing. */
export const nullableNumber = (value: unknown): number | null =>
  value === null || value === undefined ? null : Number(value);

/**
 * The value of `read` among the event's context, or, when it was not read with it (a dry
 * run, a test asking a gate alone), what `fallback` reads by itself.
 */
export async function readOr<T, E>(
  values: GateReadValues | undefined,
  read: GateRead<T, E>,
  event: E,
  fallback: () => Promise<T>,
): Promise<T> {
  return values?.has(read.name)
    ? read.parse(values.get(read.name), event)
    : fallback();
}

/**
 * The values of `reads` among the event's context when it holds them all, or what `alone`
 * reads by itself (a dry run, a gate asked alone; see `readAlone`).
 */
export async function readAllOr<E, R extends GateReads<E>>(
  values: GateReadValues | undefined,
  reads: R,
  event: E,
  alone: () => Promise<GateReadsValues<R>>,
): Promise<GateReadsValues<R>> {
  const entries = Object.entries(reads);
  if (!values || !entries.every(([, read]) => values.has(read.name))) return alone();
  return Object.fromEntries(
    entries.map(([key, read]) => [key, read.parse(values.get(read.name), event)]),
  ) as GateReadsValues<R>;
}

/**
 * `reads` as a statement of their own, one column each, bound to `event`: what a store
 * answers outside ingestion. Prepared on PostgreSQL under `name`; the text is made from the
 * reads' SQL alone, so a name keeps one text as long as the reads' texts are module-level
 * constants (their bindings and parsing may belong to a store instance, as the rules' do).
 */
export async function readAlone<E, R extends GateReads<E>>(
  knex: Knex,
  name: string,
  reads: R,
  event: E,
): Promise<GateReadsValues<R>> {
  const database = knex.client.config.client === 'pg' ? 'pg' : 'sqlite';
  const entries = Object.entries(reads);
  const sql = `select ${entries
    .map(([, read]) => `(${read.sql[database]}) as ${read.name}`)
    .join(', ')}`;
  const bindings = entries.flatMap(([, read]) => read.bindings(event));
  const [row] = rowsOf(await prepared(knex, name, sql, bindings));
  return Object.fromEntries(
    entries.map(([key, read]) => [key, read.parse(row?.[read.name], event)]),
  ) as GateReadsValues<R>;
}

/** Column names are written into SQL: letters and underscores only. */
const NAME = /^[a-z][a-z_]*$/;

/** One read per name (several gates may need the same fact); two texts for a name are a bug. */
export function distinctReads(
  reads: ReadonlyArray<GateRead<unknown>>,
): GateRead<unknown>[] {
  const byName = new Map<string, GateRead<unknown>>();
  for (const read of reads) {
    if (!NAME.test(read.name))
      throw new Error(
        `gate read name '${read.name}' is not a plain column name`,
      );
    const known = byName.get(read.name);
    if (
      known &&
      (known.sql.pg !== read.sql.pg || known.sql.sqlite !== read.sql.sqlite)
    ) {
      throw new Error(`two gate reads are named '${read.name}'`);
    }
    byName.set(read.name, known ?? read);
  }
  return [...byName.values()];
}
