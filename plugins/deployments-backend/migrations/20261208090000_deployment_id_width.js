/*
 * Deployment ids are 64-bit (`deployments.id` is a bigserial), but four columns that hold one
 * were 32-bit integers: a configuration's history entry and a promotion name the deployment
 * they caused, an approval subject of kind `deployment` names its deployment as its owner, and
 * an audit entry names its subject. On PostgreSQL, once the deployments' sequence passes
 * 2,147,483,647, recording such a deployment would fail. SQLite's integers are 64-bit whatever
 * the declared type, so only PostgreSQL is altered (it rewrites these tables while it holds
 * their locks: run it in a quiet moment on a large database).
 */
const COLUMNS = [
  ['environment_config_history', 'deployment_id'],
  ['promotions', 'deployment_id'],
  ['approval_subjects', 'owner_id'],
  ['audit_events', 'subject_id'],
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  for (const [table, column] of COLUMNS) {
    await knex.raw('alter table ?? alter column ?? type bigint', [
      table,
      column,
    ]);
  }
};

/**
 * Fails, changing nothing (a migration is one transaction), while a column holds an id beyond
 * 32 bits.
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  for (const [table, column] of COLUMNS) {
    await knex.raw('alter table ?? alter column ?? type integer', [
      table,
      column,
    ]);
  }
};
