/*
 * The data set of the reads: years of CI history written straight into the deployments
 * plugin's tables, in one statement per chunk, without going through the API.
 */
import { Bench } from './benchDatabases';
import { ENV_NAMES, PRODUCTS } from './deploymentsSettings';

const DEPLOYMENT_COLUMNS =
  'product, version, environment, status, ref, sha, tag, deployed_by, build_url, ' +
  'extra_metadata, deployment_request_id, created_at, updated_at, started_at, finished_at';

/**
 * Writes `rows` finished deployments straight into the tables, as if years of CI had posted
 * them: row i goes to product (i mod 500) and environment (i div 500 mod 6), so every cell
 * holds rows/3000 records interleaved in time, one every 30 s; 5 % failed, ~1 % canceled.
 * Then points each deployment_cells row at the newest record of its cell and refreshes the
 * planner's statistics.
 */
export async function bulkLoad(bench: Bench, rows: number) {
  const { knex } = bench;
  const base = Math.floor(Date.UTC(2024, 0, 1) / 1000);
  if (bench.client === 'pg') {
    await knex.raw('TRUNCATE deployments, deployment_cells, idempotency_keys RESTART IDENTITY');
    const envArray = `ARRAY[${ENV_NAMES.map(e => `'${e}'`).join(',')}]`;
    const chunk = 250_000;
    for (let from = 1; from <= rows; from += chunk) {
      const to = Math.min(rows, from + chunk - 1);
      await knex.raw(`
        INSERT INTO deployments (${DEPLOYMENT_COLUMNS})
        SELECT 'component:default/p-' || lpad((((i - 1) % ${PRODUCTS}) + 1)::text, 3, '0'),
               '1.' || (i / 3000) || '.' || (i % 3000),
               (${envArray})[((i - 1) / ${PRODUCTS}) % ${ENV_NAMES.length} + 1],
               CASE WHEN i % 20 = 0 THEN 'failed' WHEN i % 97 = 0 THEN 'canceled' ELSE 'success' END,
               'main', md5(i::text), NULL, 'ci-bot', 'https://ci.example.com/builds/' || i,
               NULL, NULL, t - interval '90 seconds', t, t - interval '90 seconds', t
        FROM generate_series(${from}, ${to}) AS i,
             LATERAL (SELECT to_timestamp(${base} + i * 30) AS t) AS ts`);
    }
  } else {
    await knex('deployments').delete();
    await knex('deployment_cells').delete();
    await knex('idempotency_keys').delete();
    await knex.raw(`DELETE FROM sqlite_sequence WHERE name = 'deployments'`).catch(() => {});
    const envCase = ENV_NAMES.map((e, i) => `WHEN ${i} THEN '${e}'`).join(' ');
    const ts = (offset: number) =>
      `strftime('%Y-%m-%dT%H:%M:%fZ', ${base} + i * 30 - ${offset}, 'unixepoch')`;
    await knex.transaction(async tx => {
      await tx.raw(`
        WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < ${rows})
        INSERT INTO deployments (${DEPLOYMENT_COLUMNS})
        SELECT 'component:default/p-' || substr('000' || (((i - 1) % ${PRODUCTS}) + 1), -3, 3),
               '1.' || (i / 3000) || '.' || (i % 3000),
               CASE ((i - 1) / ${PRODUCTS}) % ${ENV_NAMES.length} ${envCase} END,
               CASE WHEN i % 20 = 0 THEN 'failed' WHEN i % 97 = 0 THEN 'canceled' ELSE 'success' END,
               'main', lower(hex(randomblob(16))), NULL, 'ci-bot', 'https://ci.example.com/builds/' || i,
               NULL, NULL, ${ts(90)}, ${ts(0)}, ${ts(90)}, ${ts(0)}
        FROM s`);
    });
  }
  await knex.raw(`
    INSERT INTO deployment_cells (product, environment, latest_deployment_id)
    SELECT product, environment, max(id) FROM deployments GROUP BY product, environment`);
  if (bench.client === 'pg') {
    // A live table has been vacuumed by autovacuum; a freshly loaded one has not.
    await knex.raw('VACUUM (ANALYZE) deployments');
    await knex.raw('VACUUM (ANALYZE) deployment_cells');
    await knex.raw('VACUUM (ANALYZE) products');
  } else {
    await knex.raw('ANALYZE');
  }
}
