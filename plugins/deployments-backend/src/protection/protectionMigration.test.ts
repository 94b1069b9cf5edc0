import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { databases } from '../__testUtils__/startDeploymentsBackend';

jest.setTimeout(60_000);

const directory = resolvePackagePath(
  '@shipgate/plugin-deployments-backend',
  'migrations',
);
const MIGRATION = '20261205100000_environment_protection.js';

describe.each(databases.eachSupportedId())(
  'the environment protection migration on %p',
  databaseId => {
    it('adds a protection document to environments that holds the longest rules the API takes, and rolls back', async () => {
      const knex = await databases.init(databaseId);
      try {
        await knex.migrate.latest({ directory });
        const protection = {
          approvalRules: Array.from({ length: 20 }, (_, i) => ({
            user: `user:default/${String(i).padStart(2, '0')}${'u'.repeat(
              240,
            )}`,
            requiredApprovals: 25,
          })),
          allowTriggererToApprove: false,
        };
        await knex('environments').insert({
          name: 'production',
          title: 'Production',
          tier: 'production',
          order: 1,
          deploy_policy: 'manual',
          required_approvals: 0,
          allow_self_approval: false,
          protection: JSON.stringify(protection),
          created_at: '2026-12-05T10:00:00.000Z',
          updated_at: '2026-12-05T10:00:00.000Z',
        });
        const [row] = await knex('environments').where({ name: 'production' });
        expect(JSON.parse(row.protection)).toEqual(protection);

        // Back through this migration (and any later one), then forward again.
        for (;;) {
          const [done] = await knex.migrate.list({ directory });
          if (!done.some((m: { name: string }) => m.name === MIGRATION)) break;
          await knex.migrate.down({ directory });
        }
        expect(await knex.schema.hasColumn('environments', 'protection')).toBe(
          false,
        );
        await knex.migrate.latest({ directory });
        expect(await knex.schema.hasColumn('environments', 'protection')).toBe(
          true,
        );
      } finally {
        await knex.destroy();
      }
    });
  },
);
