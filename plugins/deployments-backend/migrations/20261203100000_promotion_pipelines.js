/*
 * Promotion pipelines: per product, its stages (environments, with where the editor drew
 * them) and the directed transitions between them with their required approvals and soak
 * time. A row in promotion_pipelines says the pipeline was saved (an empty one included).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('promotion_pipelines', table => {
    table.string('product', 255).primary();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('promotion_stages', table => {
    table
      .string('product', 255)
      .notNullable()
      .references('product')
      .inTable('promotion_pipelines')
      .onDelete('CASCADE');
    table.string('environment', 100).notNullable();
    table.integer('position').notNullable();
    table.double('x').nullable();
    table.double('y').nullable();
    table.primary(['product', 'environment']);
  });

  await knex.schema.createTable('promotion_transitions', table => {
    table
      .string('product', 255)
      .notNullable()
      .references('product')
      .inTable('promotion_pipelines')
      .onDelete('CASCADE');
    table.string('from_environment', 100).notNullable();
    table.string('to_environment', 100).notNullable();
    table.integer('position').notNullable();
    table.integer('required_approvals').notNullable().defaultTo(0);
    table.integer('soak_minutes').notNullable().defaultTo(0);
    table.primary(['product', 'from_environment', 'to_environment']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('promotion_transitions');
  await knex.schema.dropTable('promotion_stages');
  await knex.schema.dropTable('promotion_pipelines');
};
