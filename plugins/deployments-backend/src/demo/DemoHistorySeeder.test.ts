import { mockServices } from '@backstage/backend-test-utils';
import { Environment } from '@shipgate/plugin-deployments-common';
import { databases } from '../__testUtils__/startDeploymentsBackend';
import { migrateDatabase } from '../database/migrateDatabase';
import { KnexDeploymentStore } from '../deployments/DeploymentStore';
import { KnexEnvironmentConfigStore } from '../environmentConfig/EnvironmentConfigStore';
import { DemoHistorySeeder } from './DemoHistorySeeder';

jest.setTimeout(60_000);

const environment = (name: string, order: number): Environment => ({
  name,
  title: name,
  tier: 'other',
  order,
  deployPolicy: 'direct',
  requiredApprovals: 0,
  allowSelfApproval: true,
});

describe.each(databases.eachSupportedId())('DemoHistorySeeder on %p', databaseId => {
  it("sets each environment's configuration to its newest successful version", async () => {
    const knex = await databases.init(databaseId);
    try {
      await migrateDatabase({ getClient: async () => knex } as any);
      const configs = new KnexEnvironmentConfigStore(knex);
      const seeder = new DemoHistorySeeder(new KnexDeploymentStore(knex), mockServices.logger.mock(), configs);
      const products = ['component:default/payment-api', 'component:default/ledger-service'];
      const environments = [environment('dev', 1), environment('staging', 2), environment('production', 3)];
      expect(await seeder.seedIfEmpty(products, environments)).toBeGreaterThan(0);

      for (const product of products) {
        for (const env of environments) {
          const newest = await knex('deployments')
            .where({ product, environment: env.name, status: 'success' })
            .orderBy('created_at', 'desc')
            .first();
          const config = await configs.get(product, env.name);
          expect([product, env.name, config?.version ?? null]).toEqual([
            product,
            env.name,
            newest?.version ?? null,
          ]);
        }
      }
      // The newest release of the first product reached dev only: dev is ahead of staging.
      const [dev, staging] = await Promise.all([configs.get(products[0], 'dev'), configs.get(products[0], 'staging')]);
      expect(dev?.version).not.toEqual(staging?.version);
    } finally {
      await knex.destroy();
    }
  });
});
