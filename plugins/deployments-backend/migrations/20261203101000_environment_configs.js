/*
 * Environment configuration per product and environment: the version live there and its
 * variables (a JSON object), with a revision counter; every change is kept in the history
 * with where it came from (a person, a deployment record, a promotion).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('environment_configs', table => {
    table.string('product', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.string('version', 100).nullable();
    table.text('variables').notNullable().defaultTo('{}');
    table.integer('revision').notNullable().defaultTo(0);
    table.timestamp('version_since', { useTz: true }).nullable();
    table.string('updated_by', 255).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.primary(['product', 'environment']);
  });

  await knex.schema.createTable('environment_config_history', table => {
    table.increments('id').primary();
    table.string('product', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.integer('revision').notNullable();
    table.string('version', 100).nullable();
    table.text('variables').notNullable();
    // manual | deployment | promotion
    table.string('source', 20).notNullable();
    table.string('promoted_from', 100).nullable();
    table.integer('deployment_id').nullable();
    table.integer('promotion_id').nullable();
    table.string('changed_by', 255).nullable();
    table.timestamp('changed_at', { useTz: true }).notNullable();
    table.unique(['product', 'environment', 'revision'], {
      indexName: 'environment_config_history_revision_uq',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('environment_config_history');
  await knex.schema.dropTable('environment_configs');
};
