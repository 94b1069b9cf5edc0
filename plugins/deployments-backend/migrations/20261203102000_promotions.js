/*
 * Promotion requests: one environment's configuration promoted to the next along the
 * product's pipeline. `open_key` is product + target while the promotion awaits approval and
 * null after, so a unique index allows one open promotion per target on both databases.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('promotions', table => {
    table.increments('id').primary();
    table.string('product', 255).notNullable();
    table.string('source', 100).notNullable();
    table.string('target', 100).notNullable();
    // pending_approval | completed | pending_release | rejected
    table.string('status', 20).notNullable();
    table.string('requested_by', 255).notNullable();
    table.text('notes').nullable();
    table.integer('required_approvals').notNullable();
    // The preview as it was at request time (JSON).
    table.text('preview').notNullable();
    table.integer('change_count').notNullable().defaultTo(0);
    table.integer('deployment_id').nullable();
    table.string('open_key', 400).nullable().unique('promotions_open_key_uq');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.index(['product', 'created_at'], 'promotions_product_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('promotions');
};
