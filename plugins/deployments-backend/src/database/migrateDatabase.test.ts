import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { migrateDatabase } from './migrateDatabase';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const serviceOf = (knex: Knex) => ({ getClient: async () => knex, migrations: { skip: false } });

describe('migrateDatabase', () => {
  it.each(databases.eachSupportedId())(
    'lets replicas start at once on one empty database (%p): each carries on',
    async databaseId => {
      const first = await databases.init(databaseId);
      // Other processes: their own pools on the same database.
      const others = [1, 2].map(() =>
        knexFactory({ client: 'pg', connection: first.client.config.connection }),
      );
      const second = others[0];
      try {
        const results = await Promise.allSettled(
          [first, ...others].map(knex => migrateDatabase(serviceOf(knex), { pollMs: 50 })),
        );
        expect(results.map(r => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual([
          'fulfilled',
          'fulfilled',
          'fulfilled',
        ]);
        // knex's lock table has its one row, unlocked: the next start migrates normally.
        expect(await second('knex_migrations_lock').select('is_locked')).toEqual([{ is_locked: 0 }]);
        const [, pending] = await second.migrate.list({
          directory: `${__dirname}/../../migrations`,
        });
        expect(pending).toEqual([]);
        expect(await second.schema.hasTable('deployment_requests')).toBe(true);
      } finally {
        await Promise.all(others.map(knex => knex.destroy()));
        await first.destroy();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'gives up with a clear error when the lock is never released (%p)',
    async databaseId => {
      const knex = await databases.init(databaseId);
      try {
        await migrateDatabase(serviceOf(knex));
        await knex('knex_migrations_lock').update({ is_locked: 1 });
        const message = await migrateDatabase(serviceOf(knex), { lockWaitMs: 300, pollMs: 50 }).then(
          () => 'no error',
          (e: Error) => e.message,
        );
        expect(message).toMatch(/waited 0s for another process's migration lock/);
      } finally {
        await knex.destroy();
      }
    },
  );
});
