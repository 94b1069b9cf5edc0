/*
 * Protected environments (GitLab style): an environment's approval rules and whether the
 * triggerer may approve, as one JSON document (null: unprotected). It is read with the
 * environment, so an event into an unprotected environment costs no extra statement.
 * The API bounds it (at most 20 rules, refs of 255 characters), far below `text`'s limit.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('environments', table => {
    table.text('protection').nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('environments', table => {
    table.dropColumn('protection');
  });
};
