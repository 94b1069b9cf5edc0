/*
 * Deployment gates may hold an event as `blocked`; the deployment says why, in words, until
 * what it waits for arrives.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.text('blocked_reason').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropColumn('blocked_reason');
  });
};
