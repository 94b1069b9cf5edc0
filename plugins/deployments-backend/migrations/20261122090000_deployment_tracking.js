/*
 * Deployment tracking: environments, the catalog products Shipgate knows, deployment records,
 * the latest deployment of each product × environment cell, and idempotency keys.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('environments', table => {
    table.string('name', 100).primary();
    table.string('title', 255).notNullable();
    table.string('tier', 20).notNullable();
    table.integer('order').notNullable().defaultTo(0);
    table.string('deploy_policy', 10).notNullable().defaultTo('direct');
    table.integer('required_approvals').notNullable().defaultTo(0);
    table.boolean('allow_self_approval').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  // Products are catalog Components, mirrored so that lists and the matrix can filter by
  // system and owner in one query. Refreshed from the catalog by a scheduled task.
  await knex.schema.createTable('products', table => {
    table.string('entity_ref', 255).primary();
    table.string('name', 255).notNullable();
    table.string('title', 255).nullable();
    table.string('system', 255).nullable().index();
    table.string('owner', 255).nullable().index();
    table.boolean('in_catalog').notNullable().defaultTo(true);
    table.timestamp('refreshed_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('deployments', table => {
    table.bigIncrements('id').primary();
    table.string('product', 255).notNullable();
    table.string('version', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.string('status', 20).notNullable();
    table.string('ref', 255).nullable();
    table.string('sha', 64).nullable();
    table.string('tag', 255).nullable();
    table.string('deployed_by', 255).nullable();
    table.text('build_url').nullable();
    table.text('extra_metadata').nullable();
    table.bigInteger('deployment_request_id').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    // The list filters and orderings of GET /deployments, each served by an index.
    table.index(['product', 'environment', 'id'], 'deployments_product_env_id_idx');
    table.index(['product', 'version', 'environment', 'id'], 'deployments_product_version_env_idx');
    table.index(['environment', 'id'], 'deployments_env_id_idx');
    table.index(['status', 'id'], 'deployments_status_id_idx');
    table.index(['updated_at'], 'deployments_updated_at_idx');
    table.index(['finished_at'], 'deployments_finished_at_idx');
    table.index(['deployment_request_id'], 'deployments_request_idx');
  });

  // One row per product × environment pointing at its latest deployment: the matrix reads
  // these rows instead of grouping millions of deployments. Written in the same transaction
  // as the deployment, and locked to serialize events for one cell.
  await knex.schema.createTable('deployment_cells', table => {
    table.string('product', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.bigInteger('latest_deployment_id').nullable();
    table.primary(['product', 'environment']);
  });

  await knex.schema.createTable('idempotency_keys', table => {
    table.string('key', 255).primary();
    table.string('request_hash', 64).notNullable();
    table.bigInteger('deployment_id').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable().index();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.dropTable('deployment_cells');
  await knex.schema.dropTable('deployments');
  await knex.schema.dropTable('products');
  await knex.schema.dropTable('environments');
};
