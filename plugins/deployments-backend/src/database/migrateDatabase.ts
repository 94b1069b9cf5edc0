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
    /knex_migrations(_lock)?.*already exists|duplicate key value violates unique constraint "pg_type_typname_nsp_index"/.test(
      message,
    )
  );
}

/**
 * Runs the plugin's migrations unless the operator turned them off (`migrations.skip`).
 * Replicas that start together on one database take turns: while another holds knex's
 * migration lock, this one waits and tries again (finding the work done), rather than exit.
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
      await client.migrate.latest({ directory: migrationsDir });
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
