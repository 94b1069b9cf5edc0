/**
 * My Tasks lists the open promotions (pending approval or release) a person may act on:
 * an index on the status keeps that read small however long the history grows.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('promotions', table => {
    table.index(['status', 'product'], 'promotions_status_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('promotions', table => {
    table.dropIndex(['status', 'product'], 'promotions_status_idx');
  });
};
