import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { Entity } from '@backstage/catalog-model';
import knexFactory, { Knex } from 'knex';
import { deploymentsPlugin } from '../plugin';

export const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

export function component(name: string, systemName: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner, system: systemName },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      { type: 'partOf', targetRef: `system:default/${systemName}` },
    ],
  };
}

export const exampleProducts = [
  component('payment-api', 'payments', 'team-payments'),
  component('ledger-service', 'payments', 'team-payments'),
  component('storefront-web', 'storefront', 'team-storefront'),
];

/** A System as the catalog answers it: its owner and its components (`hasPart`). */
export function system(name: string, owner: string, components: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name, namespace: 'default' },
    spec: { owner },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      ...components.map(c => ({ type: 'hasPart', targetRef: `component:default/${c}` })),
    ],
  };
}

export const exampleSystems = [
  system('payments', 'team-payments', ['payment-api', 'ledger-service']),
  system('storefront', 'team-storefront', ['storefront-web']),
];

export const testConfig = {
  deployments: {
    // Notifications as soon as the answer is out, so that a test sees them right after it.
    notifications: { quietMs: 0 },
    environments: [
      { name: 'dev', tier: 'development', order: 1 },
      { name: 'staging', tier: 'staging', order: 2 },
      { name: 'production', tier: 'production', order: 3, deployPolicy: 'manual' },
    ],
    roles: { developer: ['group:default/developers'] },
  },
};

/**
 * Stops the backend, closes its database pool and drops its PostgreSQL database. TestDatabases
 * closes pools only after the last test of a file, and a local PostgreSQL (max_connections
 * 100, unlike the 1000 of the Docker one) runs out of connections before that. It also drops
 * every database of a file in one afterAll hook, and each DROP DATABASE waits for a
 * checkpoint: on a busy machine thirty of them outlast the hook's timeout, so each test drops
 * its own (TestDatabases' later attempt finds it gone).
 */
export async function stopAndRelease(backend: { stop(): Promise<void> }, knex: Knex) {
  await backend.stop();
  const { client, connection } = knex.client.config;
  await knex.destroy();
  if (client !== 'pg' || typeof connection !== 'object' || !connection.database) return;
  const admin = knexFactory({ client: 'pg', connection: { ...connection, database: 'postgres' } });
  try {
    // Best effort: with another connection still open, TestDatabases drops it at the end.
    await admin.raw('DROP DATABASE IF EXISTS ??', [connection.database]).catch(() => undefined);
  } finally {
    await admin.destroy();
  }
}

/** Starts the deployments plugin on a real database, with the catalog and signals faked. */
export async function startDeploymentsBackend(
  databaseId: TestDatabaseId,
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    entities?: Entity[];
    /** The plugin's database connection, when not a fresh test database's. */
    knex?: Knex;
  } = {},
) {
  const knex = options.knex ?? (await databases.init(databaseId));
  const published: unknown[] = [];
  const backend = await startTestBackend({
    features: [
      deploymentsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: testConfig }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.ALLOW,
      }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      catalogServiceMock.factory({ entities: options.entities ?? [...exampleProducts, ...exampleSystems] }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: async (message: unknown) => void published.push(message) }),
      }),
    ],
  });
  return { server: backend.server, knex, published, stop: () => stopAndRelease(backend, knex) };
}
