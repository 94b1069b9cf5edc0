import { Knex } from 'knex';

/**
 * A unit of work several stores write in, so that a change spanning features (a decision and
 * the request it moves) commits or fails as one. Services pass it along without looking in.
 */
export type Transaction = Knex.Transaction;

/** Runs `work` in `tx` when one is given, else in a transaction of its own. */
export function inTransaction<T>(
  knex: Knex,
  tx: Transaction | undefined,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return tx ? work(tx) : knex.transaction(work);
}

/** Row locks exist on PostgreSQL; SQLite serializes writers on its own. */
export function lockForUpdate<T extends Knex.QueryBuilder>(knex: Knex, query: T): T {
  return knex.client.config.client === 'pg' ? (query.forUpdate() as T) : query;
}

/**
 * Runs independent reads side by side on the pool, but one after the other inside a
 * transaction: its one connection answers one query at a time (pg refuses overlapping
 * queries on a client from its next major version on).
 */
export async function readAll<T extends readonly unknown[]>(
  db: Knex,
  reads: { [K in keyof T]: () => PromiseLike<T[K]> },
): Promise<T> {
  if (!(db as { isTransaction?: boolean }).isTransaction) {
    return Promise.all(reads.map(read => read())) as unknown as Promise<T>;
  }
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
