/*
 * Org-wide deployment rules: which environments, tiers and products they match, and what
 * they require (an approved deployment request, approval slots, an approval order). Rules
 * are few; evaluation reads every enabled one in one query and matches in memory. Approval subjects learn which rule added them and their rank in a
 * rule's approval order, so the approvals engine enforces the order under its lock.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_rules', table => {
    table.increments('id').primary();
    table.string('name', 200).notNullable();
    table.boolean('enabled').notNullable().defaultTo(true);
    // JSON: { name, match: { environments, tiers, products }, requireApprovedRequest,
    // requiredApprovals, approvalOrder }. One text, so that reading every enabled rule is
    // one string the database concatenates and the backend parses once.
    table.text('definition').notNullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 255).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['enabled'], 'deployment_rules_enabled_idx');
  });
  await knex.schema.alterTable('approval_subjects', table => {
    // No foreign key: a deleted rule leaves the slots it added on past requests, named.
    table.integer('from_rule_id').nullable();
    table.string('from_rule_name', 200).nullable();
    table.integer('order_rank').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Plain DROP COLUMN (SQLite 3.35+): knex would rebuild the table on SQLite, and dropping
  // the old one cascades to the requirements and decisions that reference it.
  for (const column of ['order_rank', 'from_rule_name', 'from_rule_id']) {
    await knex.raw('alter table approval_subjects drop column ??', [column]);
  }
  await knex.schema.dropTable('deployment_rules');
};
