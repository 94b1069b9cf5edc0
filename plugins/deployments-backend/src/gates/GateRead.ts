/**
 * What a gate reads about a deployment event, as one column of the statement that reads the
 * event's context: the gates' reads cost no statement of their own, and nothing is cached
 * (every event reads afresh, so another replica never judges by stale policy). The store
 * that owns the tables writes the SQL; the gate only names what it needs.
 */
export interface GateRead<T> {
  /** The column it comes back as; gates that need the same fact name the same read. */
  name: string;
  /** A scalar subquery, per database, whose `?` are bound to `bindings(event)` in order. */
  sql: { pg: string; sqlite: string };
  bindings(event: GateReadEvent): unknown[];
  /** The column's raw value as the gate judges by it. */
  parse(value: unknown): T;
}

/** The facts of an event its reads are bound to. */
export interface GateReadEvent {
  product: string;
  version: string;
  environment: string;
}

/** The raw values of an event's reads, by name. */
export type GateReadValues = ReadonlyMap<string, unknown>;

/**
 * The value of `read` among the event's context, or, when it was not read with it (a dry
 * run, a test asking a gate alone), what `fallback` reads by itself.
 */
export async function readOr<T>(
  values: GateReadValues | undefined,
  read: GateRead<T>,
  fallback: () => Promise<T>,
): Promise<T> {
  return values?.has(read.name)
    ? read.parse(values.get(read.name))
    : fallback();
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
