import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { databases } from '../__testUtils__/startDeploymentsBackend';

jest.setTimeout(60_000);

const directory = resolvePackagePath('@shipgate/plugin-deployments-backend', 'migrations');

const deployment = (status: string) => ({
  product: 'component:default/payment-api',
  version: '1.0.0',
  environment: 'dev',
  status,
  created_at: '2026-11-23T09:00:00.000Z',
  updated_at: '2026-11-23T09:00:00.000Z',
});

/**
 * The message a statement fails with. Not `rejects.toThrow`: better-sqlite3's errors may come
 * from another realm than the test's, and then do not count as errors to Jest.
 */
const failure = (statement: PromiseLike<unknown>) =>
  Promise.resolve(statement).then(
    () => 'no error',
    (error: { message: string }) => error.message,
  );

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('allow one open deployment per version and environment, and roll back', async () => {
    const knex = await databases.init(databaseId);
    try {
      await knex.migrate.latest({ directory });
      await knex('deployments').insert(deployment('running'));
      expect(await failure(knex('deployments').insert(deployment('created')))).toMatch(/unique/i);
      // Finished deployments of the same version are history, as many as there were.
      await knex('deployments').insert([deployment('success'), deployment('failed')]);

      await knex.migrate.down({ directory });
      await knex('deployments').insert(deployment('created'));
      expect(await failure(knex.migrate.latest({ directory }))).toMatch(
        /more than one open deployment for component:default\/payment-api 1\.0\.0 in dev/,
      );

      await knex('deployments').where({ status: 'created' }).update({ status: 'canceled' });
      await knex.migrate.latest({ directory });
      expect(await failure(knex('deployments').insert(deployment('blocked')))).toMatch(/unique/i);
    } finally {
      await knex.destroy();
    }
  });
});
