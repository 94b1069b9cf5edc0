import { Knex } from 'knex';

/** The plugin's tables (not knex's own bookkeeping). */
async function tablesOf(knex: Knex): Promise<string[]> {
  const names: string[] =
    knex.client.config.client === 'pg'
      ? (await knex.raw(`select tablename as name from pg_tables where schemaname = current_schema()`)).rows.map(
          (r: { name: string }) => r.name,
        )
      : (await knex.raw(`select name from sqlite_master where type = 'table'`)).map((r: { name: string }) => r.name);
  return names.filter(n => !n.startsWith('knex_') && !n.startsWith('sqlite_')).sort();
}

/**
 * Every row of every table, as JSON, to compare before and after a call that must write
 * nothing. The product mirror's refresh time is left out: the scheduled refresh may run
 * meanwhile, and it writes no data of anyone's.
 */
export async function databaseSnapshot(knex: Knex): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const table of await tablesOf(knex)) {
    const rows = await knex(table).select('*');
    const kept = rows.map(({ refreshed_at: _refreshed, ...row }) => JSON.stringify(row)).sort();
    snapshot[table] = kept.join('\n');
  }
  return snapshot;
}
