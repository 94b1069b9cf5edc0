/*
 * Deployment freezes: one-off windows (starts_at–ends_at, open-ended when ends_at is null)
 * and recurring ones (a cron schedule in a time zone, each occurrence lasting
 * duration_minutes). environment null freezes every environment ("stop the line").
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('environment_freezes', table => {
    table.increments('id').primary();
    table.string('environment', 100).nullable();
    table.text('reason').notNullable();
    table.timestamp('starts_at', { useTz: true }).nullable();
    table.timestamp('ends_at', { useTz: true }).nullable();
    table.string('cron', 200).nullable();
    table.integer('duration_minutes').nullable();
    table.string('timezone', 100).nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    // The freeze gate reads an environment's freezes on every deployment event.
    table.index(['environment'], 'environment_freezes_environment_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('environment_freezes');
};
