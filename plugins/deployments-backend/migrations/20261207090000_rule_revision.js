/*
 * The revision of the deployment rules: one row, given a new random value by every change to
 * a rule, in the change's transaction. The statement that reads an event's context binds the
 * revision a process last read the rules at, and answers the rules only when the database
 * holds another: with 1,000 rules matching, concatenating and parsing them cost about 4 ms
 * per event. Random, not a counter, so that a database restored from a backup never brings
 * back a revision a process knows with other contents.
 */
const { randomUUID } = require('node:crypto');

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_rule_revision', table => {
    table.string('revision', 36).notNullable();
  });
  await knex('deployment_rule_revision').insert({ revision: randomUUID() });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('deployment_rule_revision');
};
