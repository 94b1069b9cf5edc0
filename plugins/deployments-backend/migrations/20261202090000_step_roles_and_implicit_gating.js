/*
 * Separation of duties.
 * - A step may name the org role that completes it (null: the requester, release managers
 *   or admins complete it).
 * - Only requests created by a product's owners, release managers or admins hold or take
 *   deployment events that name no request (the implicit product + version + environment
 *   match). Requests written before this rule keep the power they had.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployment_request_steps', table => {
    table.string('role', 50).nullable();
  });
  await knex.schema.alterTable('deployment_requests', table => {
    table.boolean('gates_unnamed_events').notNullable().defaultTo(false);
  });
  await knex('deployment_requests').update({ gates_unnamed_events: true });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployment_requests', table => {
    table.dropColumn('gates_unnamed_events');
  });
  await knex.schema.alterTable('deployment_request_steps', table => {
    table.dropColumn('role');
  });
};
