/*
 * A deployment's version may be 255 characters, and a successful deployment moves it into
 * the environment's configuration: the configuration's version columns were 100, so such a
 * deployment's version could not be written there on PostgreSQL. SQLite does not enforce
 * lengths (and knex would rebuild the table to alter it), so only PostgreSQL is altered.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  for (const table of ['environment_configs', 'environment_config_history']) {
    await knex.schema.alterTable(table, t => {
      t.string('version', 255).nullable().alter();
    });
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  for (const table of ['environment_configs', 'environment_config_history']) {
    await knex.schema.alterTable(table, t => {
      t.string('version', 100).nullable().alter();
    });
  }
};
