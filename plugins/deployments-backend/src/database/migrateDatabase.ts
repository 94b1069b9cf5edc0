import { DatabaseService, resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath('@shipgate/plugin-deployments-backend', 'migrations');

/** How long a starting replica waits for another one's migrations before it gives up. */
const LOCK_WAIT_MS = 10 * 60_000;

/**
 * Knex refuses a second migrator instead of waiting ("Migration table is already locked"),
 * and two replicas creating knex's own tables on an empty database race on their names.
 */
function isAnotherMigratorsWork(error: unknown): boolean {
  const message = String((error as Error)?.message ?? '');
  return (
    message.includes('Migration table is already locked') ||
    (message.includes('knex_migrations') &&
      /already exists|duplicate key value violates unique constraint "pg_/.test(message))
  );
}

/** The advisory lock Shipgate's migrators take turns with on PostgreSQL. */
const ADVISORY_LOCK = "hashtext('shipgate.deployments.migrations')";

/**
 * Runs `work` holding a PostgreSQL session advisory lock, so that replicas starting together
 * migrate one after the other: the second waits in the database (no polling) and then finds
 * nothing to do. Unlike knex's lock table, a crashed holder's lock goes with its session, and
 * knex's own tables are not created twice at once (which can leave two rows in its lock table
 * and the migrations "locked" for good). Holds one pooled connection meanwhile.
 */
async function oneMigratorAtATime<T>(knex: Knex, work: () => Promise<T>): Promise<T> {
  if (knex.client.config.client !== 'pg') return work();
  const connection = await knex.client.acquireConnection();
  try {
    await knex.raw(`select pg_advisory_lock(${ADVISORY_LOCK})`).connection(connection);
    try {
      return await work();
    } finally {
      await knex.raw(`select pg_advisory_unlock(${ADVISORY_LOCK})`).connection(connection);
    }
  } finally {
    await knex.client.releaseConnection(connection);
  }
}

/**
 * Runs the plugin's migrations unless the operator turned them off (`migrations.skip`).
 * Replicas that start together on one database take turns (an advisory lock on PostgreSQL);
 * should knex's own migration lock still be taken (a migrator that does not take the advisory
 * lock, e.g. an older version), this one waits and tries again rather than exit.
 */
export async function migrateDatabase(
  database: DatabaseService,
  options: { lockWaitMs?: number; pollMs?: number } = {},
): Promise<Knex> {
  const client = await database.getClient();
  if (database.migrations?.skip) return client;
  const deadline = Date.now() + (options.lockWaitMs ?? LOCK_WAIT_MS);
  for (;;) {
    try {
      await oneMigratorAtATime(client, () => client.migrate.latest({ directory: migrationsDir }));
      return client;
    } catch (error) {
      if (!isAnotherMigratorsWork(error)) throw error;
      if (Date.now() > deadline) {
        throw new Error(
          `Shipgate's database migrations waited ${Math.round(
            (options.lockWaitMs ?? LOCK_WAIT_MS) / 1000,
          )}s for another process's migration lock. If no other replica is migrating, ` +
            'a crashed one left it: clear it with `update knex_migrations_lock set is_locked = 0` ' +
            `(${(error as Error).message})`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, options.pollMs ?? 250 + Math.random() * 250));
    }
  }
}
