/*
 * At most one open (created, blocked or running) deployment per product, environment and
 * version. Events for one deployment used to be serialized by locking their matrix cell;
 * with this index the database itself refuses a second open deployment, so ingestion can
 * insert with ON CONFLICT DO NOTHING and read again when it loses a race, without a row lock
 * and the round trips of a select-then-write transaction. Partial, so it holds only the few
 * open rows and finished deployments never pay for it.
 */

const INDEX = 'deployments_one_open_idx';
const OPEN_STATUSES = "('created', 'blocked', 'running')";

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  // Ingestion has always kept one open deployment per version and environment; refuse to
  // guess which one to close if hand-edited data says otherwise.
  const duplicates = await knex('deployments')
    .whereRaw(`status in ${OPEN_STATUSES}`)
    .groupBy('product', 'environment', 'version')
    .having(knex.raw('count(*) > 1'))
    .select('product', 'environment', 'version')
    .limit(10);
  if (duplicates.length > 0) {
    const list = duplicates
      .map(d => `${d.product} ${d.version} in ${d.environment}`)
      .join('; ');
    throw new Error(
      `${INDEX}: more than one open deployment for ${list}. Set all but the newest of each ` +
        `to a finished status (success, failed or canceled), then start the backend again.`,
    );
  }
  await knex.raw(
    `CREATE UNIQUE INDEX ${INDEX} ON deployments (product, environment, version) ` +
      `WHERE status IN ${OPEN_STATUSES}`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw(`DROP INDEX ${INDEX}`);
};
