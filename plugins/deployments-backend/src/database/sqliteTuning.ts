import { Knex } from 'knex';

/** How many distinct statements each SQLite connection keeps compiled. */
export const SQLITE_STATEMENT_CACHE_SIZE = 256;

/**
 * On SQLite (development, tests, small installs), tunes each pooled connection:
 *
 * - A write-ahead log instead of the rollback journal: a commit appends to the log instead
 *   of syncing the database file several times, which blocks the event loop (better-sqlite3
 *   is synchronous) for as long as the disk takes, and readers no longer wait for writers.
 *   `synchronous = NORMAL` keeps every commit across a crash or restart of the process; only
 *   the last commits before a power loss of the machine may go, which is why production
 *   runs on PostgreSQL.
 * - Compiled statements kept per connection: knex compiles every statement again on each
 *   call, and for the statements a deployment event runs (a table with nine indexes, a few
 *   subqueries) compiling costs more than running — a CPU profile of ingestion put it at a
 *   third of the plugin's time. This is the SQLite side of what named statements do on
 *   PostgreSQL (`prepared.ts`). It holds compiled SQL text, never data: SQLite compiles a
 *   kept statement again by itself when the schema changed.
 */
export async function tuneSqlite(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'better-sqlite3') return;
  const tune = (db: SqliteConnection) => {
    db.pragma?.('journal_mode = WAL');
    db.pragma?.('synchronous = NORMAL');
    keepCompiledStatements(db, SQLITE_STATEMENT_CACHE_SIZE);
  };
  knex.client.pool?.on('createSuccess', (_id: unknown, db: SqliteConnection) =>
    tune(db),
  );
  // The connection the migrations opened is already in the pool.
  const connection = await knex.client.acquireConnection();
  try {
    tune(connection);
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

const kept = Symbol('shipgate.keptStatements');

interface SqliteConnection {
  pragma?: (source: string) => unknown;
  prepare: (source: string) => unknown;
  [kept]?: true;
}

/**
 * Makes `db.prepare` answer a statement compiled earlier for the same text, the least
 * recently used beyond `size` dropped. better-sqlite3 runs a statement to its end within one
 * call (`all`, `run`, `get`), so one compiled statement serves every caller in turn.
 */
export function keepCompiledStatements(
  db: SqliteConnection,
  size: number,
): void {
  if (db[kept]) return;
  const compile = db.prepare.bind(db);
  const statements = new Map<string, unknown>();
  db.prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement !== undefined) {
      statements.delete(source); // re-inserted below: the map's order is the use order
    } else {
      statement = compile(source);
      if (statements.size >= size)
        statements.delete(statements.keys().next().value!);
    }
    statements.set(source, statement);
    return statement;
  };
  db[kept] = true;
}
