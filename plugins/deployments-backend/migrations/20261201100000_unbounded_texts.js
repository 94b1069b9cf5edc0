/*
 * Texts with no natural bound become `text`, so that what the API accepts always fits:
 * an audit entry's target describes what it is about in words (a step's title of up to 500
 * characters, a deployment's version of up to 255 and more), and a product's title is the
 * catalog's, which sets no length. PostgreSQL changes varchar to text without rewriting the
 * table; SQLite never enforced the lengths, so there is nothing to change.
 */

const isPostgres = knex => knex.client.config.client === 'pg';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (!isPostgres(knex)) return;
  await knex.raw('ALTER TABLE audit_events ALTER COLUMN target TYPE text');
  await knex.raw('ALTER TABLE products ALTER COLUMN title TYPE text');
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (!isPostgres(knex)) return;
  // Longer values are cut to fit again; they were written after the widening.
  await knex.raw(
    'ALTER TABLE audit_events ALTER COLUMN target TYPE varchar(255) USING left(target, 255)',
  );
  await knex.raw('ALTER TABLE products ALTER COLUMN title TYPE varchar(255) USING left(title, 255)');
};
