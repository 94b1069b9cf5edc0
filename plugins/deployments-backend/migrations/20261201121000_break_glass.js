/*
 * Break-glass sessions: for a while, an environment's freezes let deployments through; each
 * deployment recorded meanwhile names its session (deployments.break_glass_id), for review.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('break_glass_sessions', table => {
    table.increments('id').primary();
    table.string('environment', 100).notNullable();
    table.text('reason').notNullable();
    table.string('opened_by', 255).notNullable();
    table.timestamp('opened_at', { useTz: true }).notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.timestamp('closed_at', { useTz: true }).nullable();
    table.string('closed_by', 255).nullable();
    // The freeze gate asks for an environment's open session on every deployment event.
    table.index(['environment', 'expires_at'], 'break_glass_environment_idx');
    table.index(['opened_at'], 'break_glass_opened_at_idx');
  });
  await knex.schema.alterTable('deployments', table => {
    table.integer('break_glass_id').nullable();
    table.index(['break_glass_id'], 'deployments_break_glass_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex(['break_glass_id'], 'deployments_break_glass_idx');
    table.dropColumn('break_glass_id');
  });
  await knex.schema.dropTable('break_glass_sessions');
};
