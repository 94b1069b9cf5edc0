import { Knex } from 'knex';

/**
 * A fixed SQL text as knex raw SQL, named on PostgreSQL so that each connection parses and
 * plans it once: for the statements every deployment event runs, planning costs more than
 * running. The name must stay with one text: pass only module-level constants.
 */
export function prepared(knex: Knex, name: string, sql: string, bindings: readonly unknown[]) {
  const raw = knex.raw(sql, bindings as Knex.RawBinding[]);
  return knex.client.config.client === 'pg' ? raw.options({ name: `shipgate_${name}` }) : raw;
}

/** Raw results: PostgreSQL's driver answers with `{ rows }`, better-sqlite3 with the rows. */
export function rowsOf(result: any): any[] {
  return Array.isArray(result) ? result : result.rows;
}
