/**
 * A System's promotion writes its components' configurations, and releasing it reads back
 * which ones it changed by promotion id: an index keeps that read small.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('environment_config_history', table => {
    table.index(['promotion_id'], 'environment_config_history_promotion_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('environment_config_history', table => {
    table.dropIndex(['promotion_id'], 'environment_config_history_promotion_idx');
  });
};
