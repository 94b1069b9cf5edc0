/*
 * The two servers the deployments benchmark loads: the real deployments plugin on a Backstage
 * backend in this process, and a bare Express + Knex app with one insert endpoint on the same
 * database.
 */
import express from 'express';
import { Knex } from 'knex';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { createSpecializedBackend } from '@backstage/backend-app-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  actionsRegistryServiceMock,
  actionsServiceMock,
  metricsServiceMock,
  tracingServiceMock,
} from '@backstage/backend-test-utils/alpha';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { discoveryServiceFactory } from '@backstage/backend-defaults/discovery';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import deploymentsPlugin from '@shipgate/plugin-deployments-backend';
import { freePort } from './benchKit';
import { ENVIRONMENTS, PRODUCTS, productName } from './deploymentsSettings';

function component(i: number): Entity {
  const system = `system-${String(1 + (i % 25)).padStart(2, '0')}`;
  const owner = `team-${String(1 + (i % 40)).padStart(2, '0')}`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: productName(i), namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner, system },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      { type: 'partOf', targetRef: `system:default/${system}` },
    ],
  };
}

/**
 * The real plugin on a backend built like `startTestBackend` builds one (the same mock and
 * default service factories), except that the root HTTP router is the production one
 * (helmet, CORS, compression, request logging, error middleware) listening on 127.0.0.1 —
 * `startTestBackend` listens on every interface.
 */
export async function startShipgate(knex: Knex) {
  const port = await freePort();
  const backend = createSpecializedBackend({
    defaultServiceFactories: [
      rootHttpRouterServiceFactory(),
      discoveryServiceFactory,
      mockServices.auth.factory(),
      mockServices.auditor.factory(),
      mockServices.cache.factory(),
      mockServices.httpAuth.factory(),
      mockServices.httpRouter.factory(),
      mockServices.lifecycle.factory(),
      mockServices.logger.factory(),
      mockServices.permissionsRegistry.factory(),
      mockServices.rootHealth.factory(),
      mockServices.rootLifecycle.factory(),
      mockServices.rootLogger.factory(),
      mockServices.userInfo.factory(),
      mockServices.urlReader.factory(),
      mockServices.events.factory(),
      actionsRegistryServiceMock.factory(),
      actionsServiceMock.factory(),
      metricsServiceMock.factory(),
      tracingServiceMock.factory(),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl: `http://127.0.0.1:${port}`,
            listen: { host: '127.0.0.1', port },
          },
          deployments: {
            environments: ENVIRONMENTS.map((e, i) => ({ ...e, order: i + 1 })),
          },
        },
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.scheduler.factory({ includeInitialDelayedTasksOnStartup: true }),
      catalogServiceMock.factory({
        entities: Array.from({ length: PRODUCTS }, (_, i) => component(i + 1)),
      }),
      // Signals and notifications leave the process in a real backend; here they stop at the
      // door, as in the plugin's tests.
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({ publish: async () => {} }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  backend.add(deploymentsPlugin);
  await backend.start();
  // The product mirror is filled by the plugin's scheduled refresh; wait for it.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [{ count }] = await knex('products').count({ count: '*' });
    if (Number(count) >= PRODUCTS) break;
    if (Date.now() > deadline) throw new Error(`products mirror has ${count} of ${PRODUCTS}`);
    await new Promise(r => setTimeout(r, 100));
  }
  return { port, stop: () => backend.stop() };
}

/** The bare baseline: Express + Knex, one insert endpoint, same columns, primary key only. */
export async function startBaseline(knex: Knex) {
  await knex.schema.dropTableIfExists('deployments_baseline');
  await knex.schema.createTable('deployments_baseline', table => {
    table.bigIncrements('id').primary();
    table.string('product', 255).notNullable();
    table.string('version', 255).notNullable();
    table.string('environment', 100).notNullable();
    table.string('status', 20).notNullable();
    table.string('ref', 255).nullable();
    table.string('sha', 64).nullable();
    table.string('tag', 255).nullable();
    table.string('deployed_by', 255).nullable();
    table.text('build_url').nullable();
    table.text('extra_metadata').nullable();
    table.bigInteger('deployment_request_id').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
  });
  const app = express();
  app.use(express.json());
  app.post('/deployments', async (req, res) => {
    try {
      const b = req.body;
      const now = new Date().toISOString();
      const [row] = await knex('deployments_baseline').insert(
        {
          product: `component:default/${b.product_name}`,
          version: b.version,
          environment: b.environment_name,
          status: b.status,
          ref: b.scm_branch ?? null,
          sha: b.scm_sha ?? null,
          deployed_by: b.deployed_by ?? null,
          build_url: b.build_url ?? null,
          created_at: now,
          updated_at: now,
          started_at: now,
          finished_at: now,
        },
        '*',
      );
      res.status(201).json(row);
    } catch (error) {
      res.status(500).json({ error: String(error) });
    }
  });
  const port = await freePort();
  const server = await new Promise<import('http').Server>(resolve => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  return {
    port,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
