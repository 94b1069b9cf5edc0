/*
 * Deployment requests: items, approval slots and their decisions, pre/post steps, templates,
 * and the append-only audit trail.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_request_templates', table => {
    table.increments('id').primary();
    table.string('name', 200).notNullable().unique();
    table.text('description').notNullable().defaultTo('');
    table.text('environments').notNullable(); // JSON array of environment names
    table.text('approval_slots').notNullable(); // JSON [{approvalType, requiredCount}]
    table.text('pre_steps').notNullable(); // JSON array of titles
    table.text('post_steps').notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
  });

  await knex.schema.createTable('deployment_requests', table => {
    table.increments('id').primary();
    table.string('title', 200).notNullable();
    table.text('description').notNullable().defaultTo('');
    table.string('environment', 100).notNullable();
    table.string('state', 20).notNullable();
    table.string('created_by', 255).notNullable();
    table.integer('template_id').nullable();
    table.integer('cloned_from_id').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('submitted_at', { useTz: true }).nullable();
    table.timestamp('resolved_at', { useTz: true }).nullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.index(['state', 'id'], 'deployment_requests_state_idx');
    table.index(['created_by', 'id'], 'deployment_requests_creator_idx');
    table.index(['environment', 'id'], 'deployment_requests_env_idx');
  });

  await knex.schema.createTable('deployment_request_items', table => {
    table.increments('id').primary();
    table
      .integer('request_id')
      .notNullable()
      .references('id')
      .inTable('deployment_requests')
      .onDelete('CASCADE');
    table.string('product', 255).notNullable();
    table.string('version', 255).notNullable();
    table.integer('position').notNullable();
    table.index(['request_id'], 'deployment_request_items_request_idx');
    table.index(['product', 'version'], 'deployment_request_items_product_idx');
  });

  await knex.schema.createTable('approval_slots', table => {
    table.increments('id').primary();
    table
      .integer('request_id')
      .notNullable()
      .references('id')
      .inTable('deployment_requests')
      .onDelete('CASCADE');
    table.string('approval_type', 50).notNullable();
    table.integer('required_count').notNullable();
    table.string('state', 20).notNullable().defaultTo('open');
    table.integer('position').notNullable();
    table.index(['request_id'], 'approval_slots_request_idx');
    table.index(['state', 'approval_type'], 'approval_slots_state_type_idx');
  });

  await knex.schema.createTable('approval_decisions', table => {
    table.increments('id').primary();
    table
      .integer('slot_id')
      .notNullable()
      .references('id')
      .inTable('approval_slots')
      .onDelete('CASCADE');
    table.integer('request_id').notNullable();
    table.string('decided_by', 255).notNullable();
    table.string('decision', 10).notNullable();
    table.text('comment').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    // One decision per person per slot, enforced by the database as well.
    table.unique(['slot_id', 'decided_by'], { indexName: 'approval_decisions_one_per_user' });
  });

  await knex.schema.createTable('deployment_request_steps', table => {
    table.increments('id').primary();
    table
      .integer('request_id')
      .notNullable()
      .references('id')
      .inTable('deployment_requests')
      .onDelete('CASCADE');
    table.string('phase', 4).notNullable();
    table.string('title', 500).notNullable();
    table.integer('position').notNullable();
    table.string('completed_by', 255).nullable();
    table.timestamp('completed_at', { useTz: true }).nullable();
    table.text('note').nullable();
    table.index(['request_id'], 'deployment_request_steps_request_idx');
  });

  await knex.schema.createTable('audit_events', table => {
    table.bigIncrements('id').primary();
    table.string('subject_type', 50).notNullable();
    table.integer('subject_id').notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 50).notNullable();
    table.string('target', 255).nullable();
    table.text('before').nullable();
    table.text('after').nullable();
    table.text('comment').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['subject_type', 'subject_id', 'id'], 'audit_events_subject_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('deployment_request_steps');
  await knex.schema.dropTable('approval_decisions');
  await knex.schema.dropTable('approval_slots');
  await knex.schema.dropTable('deployment_request_items');
  await knex.schema.dropTable('deployment_requests');
  await knex.schema.dropTable('deployment_request_templates');
};
