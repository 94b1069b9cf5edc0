/*
 * One approvals engine: every approval is a decision on a subject (a deployment request's
 * approval slot, a blocked deployment, a promotion) with requirements, each an approval type,
 * role, group or user with a required count. Deployment-request slots move onto it: each slot
 * becomes a `request_slot` subject with the slot's id, so links to slots keep working, and
 * its decisions keep theirs.
 */

const isPostgres = knex => knex.client.config.client === 'pg';

/** After rows were written with explicit ids, the next generated id must follow them. */
async function resetSequence(knex, table) {
  if (!isPostgres(knex)) return;
  await knex.raw(
    `select setval(pg_get_serial_sequence(?, 'id'), coalesce((select max(id) from ??), 0) + 1, false)`,
    [table, table],
  );
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('approval_subjects', table => {
    table.increments('id').primary();
    // request_slot | deployment | promotion: the feature that owns the subject.
    table.string('kind', 20).notNullable();
    // The owner's record: the deployment request, the deployment, the promotion.
    table.integer('owner_id').notNullable();
    table.integer('position').notNullable().defaultTo(0);
    // Who asked for it (the requester may not approve unless the environment allows it).
    table.string('requested_by', 255).nullable();
    table.string('environment', 100).nullable();
    // open | approved | rejected, from its decisions.
    table.string('state', 20).notNullable().defaultTo('open');
    // Whether its owner takes decisions now (a request in progress, a blocked deployment).
    table.boolean('active').notNullable().defaultTo(false);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['kind', 'owner_id'], 'approval_subjects_owner_idx');
    table.index(['active', 'state', 'kind'], 'approval_subjects_open_idx');
  });

  await knex.schema.createTable('approval_requirements', table => {
    table.increments('id').primary();
    table
      .integer('subject_id')
      .notNullable()
      .references('id')
      .inTable('approval_subjects')
      .onDelete('CASCADE');
    table.string('approval_type', 50).nullable();
    table.string('role', 50).nullable();
    table.string('group_ref', 255).nullable();
    table.string('user_ref', 255).nullable();
    table.integer('required_count').notNullable();
    table.integer('position').notNullable().defaultTo(0);
    table.index(['subject_id'], 'approval_requirements_subject_idx');
    table.index(['approval_type'], 'approval_requirements_type_idx');
  });

  await knex.schema.createTable('approval_decisions_v2', table => {
    table.increments('id').primary();
    table
      .integer('subject_id')
      .notNullable()
      .references('id')
      .inTable('approval_subjects')
      .onDelete('CASCADE');
    table.integer('requirement_id').nullable();
    table.string('decided_by', 255).notNullable();
    table.string('decision', 10).notNullable();
    table.text('comment').nullable();
    table.string('represented_as', 255).nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
  });

  // Each slot becomes a subject with its id, owned by its request, and one requirement.
  await knex.raw(`insert into approval_subjects
      (id, kind, owner_id, position, requested_by, environment, state, active, created_at)
    select s.id, 'request_slot', s.request_id, s.position, r.created_by, r.environment, s.state,
      (r.state = 'in_progress'), r.created_at
    from approval_slots s join deployment_requests r on r.id = s.request_id`);
  await knex.raw(`insert into approval_requirements
      (subject_id, approval_type, required_count, position)
    select id, approval_type, required_count, 0 from approval_slots`);
  await knex.raw(`insert into approval_decisions_v2
      (id, subject_id, requirement_id, decided_by, decision, comment, created_at)
    select d.id, d.slot_id, q.id, d.decided_by, d.decision, d.comment, d.created_at
    from approval_decisions d join approval_requirements q on q.subject_id = d.slot_id`);

  await knex.schema.dropTable('approval_decisions');
  await knex.schema.dropTable('approval_slots');
  await knex.schema.renameTable('approval_decisions_v2', 'approval_decisions');
  await knex.schema.alterTable('approval_decisions', table => {
    // One decision per person per subject, enforced by the database.
    table.unique(['subject_id', 'decided_by'], { indexName: 'approval_decisions_one_per_user' });
  });
  await resetSequence(knex, 'approval_subjects');
  await resetSequence(knex, 'approval_decisions');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
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
  await knex.schema.createTable('approval_decisions_v1', table => {
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
  });
  await knex.raw(`insert into approval_slots (id, request_id, approval_type, required_count, state, position)
    select s.id, s.owner_id, q.approval_type, q.required_count, s.state, s.position
    from approval_subjects s join approval_requirements q on q.subject_id = s.id
    where s.kind = 'request_slot'`);
  await knex.raw(`insert into approval_decisions_v1 (id, slot_id, request_id, decided_by, decision, comment, created_at)
    select d.id, d.subject_id, s.owner_id, d.decided_by, d.decision, d.comment, d.created_at
    from approval_decisions d join approval_subjects s on s.id = d.subject_id
    where s.kind = 'request_slot'`);
  await knex.schema.dropTable('approval_decisions');
  await knex.schema.dropTable('approval_requirements');
  await knex.schema.dropTable('approval_subjects');
  await knex.schema.renameTable('approval_decisions_v1', 'approval_decisions');
  await knex.schema.alterTable('approval_decisions', table => {
    table.unique(['slot_id', 'decided_by'], { indexName: 'approval_decisions_one_per_user' });
  });
  await resetSequence(knex, 'approval_slots');
  await resetSequence(knex, 'approval_decisions');
};
