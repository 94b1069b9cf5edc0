import { Knex } from 'knex';

/**
 * On SQLite (development, tests, small installs), a write-ahead log instead of the rollback
 * journal: a commit appends to the log instead of syncing the database file several times,
 * which blocks the event loop (better-sqlite3 is synchronous) for as long as the disk takes,
 * and readers no longer wait for writers. `synchronous = NORMAL` keeps every commit across a
 * crash or restart of the process; only the last commits before a power loss of the machine
 * may go, which is why production runs on PostgreSQL. Applies to each pooled connection.
 */
export async function useWriteAheadLog(knex: Knex): Promise<void> {
  if (knex.client.config.client !== 'better-sqlite3') return;
  const tune = (db: { pragma?: (source: string) => unknown }) => {
    db.pragma?.('journal_mode = WAL');
    db.pragma?.('synchronous = NORMAL');
  };
  knex.client.pool?.on('createSuccess', (_id: unknown, db: any) => tune(db));
  // The connection the migrations opened is already in the pool.
  const connection = await knex.client.acquireConnection();
  try {
    tune(connection);
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
