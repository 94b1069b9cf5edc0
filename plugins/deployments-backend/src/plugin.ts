import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  approvalSlotDecidePermission,
  deploymentsPermissions,
} from '@shipgate/plugin-deployments-common';
import {
  OrgRoles,
  approvalSlotResourceRef,
  approvalSlotRules,
} from '@shipgate/plugin-deployments-node';
import { KnexDeploymentRequestStore } from './database/DeploymentRequestStore';
import { KnexDeploymentStore } from './database/DeploymentStore';
import { KnexEnvironmentStore } from './database/EnvironmentStore';
import { KnexMatrixStore } from './database/MatrixStore';
import { KnexProductStore } from './database/ProductStore';
import { KnexTemplateStore } from './database/TemplateStore';
import { ActorResolver } from './service/ActorResolver';
import { DeploymentRequestService } from './service/DeploymentRequestService';
import { RequestNotifier } from './service/RequestNotifier';
import { TemplateService } from './service/TemplateService';
import { createRequestsRouter } from './service/requestsRouter';
import { createTemplatesRouter } from './service/templatesRouter';
import { migrateDatabase } from './database/migrateDatabase';
import { DemoHistorySeeder } from './service/DemoHistorySeeder';
import { seedDemoTemplates } from './service/DemoTemplateSeeder';
import { DeploymentService } from './service/DeploymentService';
import { MatrixService } from './service/MatrixService';
import { ProductCatalog } from './service/ProductCatalog';
import { RequestAuthorizer } from './service/RequestAuthorizer';
import { createDeploymentsRouter } from './service/deploymentsRouter';
import { createEnvironmentsRouter } from './service/environmentsRouter';
import { readEnvironmentsConfig } from './service/environmentsConfig';
import { createRouter } from './service/router';

/**
 * Shipgate's backend plugin: deployment tracking and the environment matrix.
 *
 * @public
 */
export const deploymentsPlugin = createBackendPlugin({
  pluginId: 'deployments',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, database, scheduler } = deps;
        const knex = await migrateDatabase(database);

        const environmentStore = new KnexEnvironmentStore(knex);
        const productStore = new KnexProductStore(knex);
        const deploymentStore = new KnexDeploymentStore(knex);
        await environmentStore.seed(readEnvironmentsConfig(config));

        const productCatalog = new ProductCatalog(deps.catalog, deps.auth, productStore, logger);
        const deploymentService = new DeploymentService(
          deploymentStore,
          environmentStore,
          productCatalog,
        );
        const matrixService = new MatrixService(
          new KnexMatrixStore(knex),
          environmentStore,
          productCatalog,
        );
        const orgRoles = OrgRoles.fromConfig(config);
        const requestStore = new KnexDeploymentRequestStore(knex);
        const templateStore = new KnexTemplateStore(knex);
        const requestService = new DeploymentRequestService(
          requestStore,
          templateStore,
          environmentStore,
          deploymentStore,
          productCatalog,
          new RequestNotifier(deps.notifications, deps.signals, orgRoles, logger),
        );
        deploymentService.setGate(requestService);
        const templateService = new TemplateService(templateStore, environmentStore);

        const demoData = config.getOptionalBoolean('deployments.demoData') ?? false;
        const seeder = demoData ? new DemoHistorySeeder(deploymentStore, logger) : undefined;
        if (demoData) await seedDemoTemplates(templateStore);

        await scheduler.scheduleTask({
          id: 'deployments-refresh-products',
          scope: 'global',
          frequency: { minutes: 5 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            await productCatalog.refresh();
            await seeder?.seedIfEmpty(
              await productStore.listRefs(),
              await environmentStore.list(),
            );
          },
        });

        deps.permissionsRegistry.addPermissions(deploymentsPermissions);
        // Deciding a slot is a resource permission: policies answer with conditions that the
        // framework evaluates against these resources.
        deps.permissionsRegistry.addResourceType({
          resourceRef: approvalSlotResourceRef,
          permissions: [approvalSlotDecidePermission],
          rules: approvalSlotRules,
          getResources: async refs => {
            const slots = await requestStore.slotResources(refs.map(Number));
            return refs.map(ref => slots.find(s => String(s.slotId) === ref));
          },
        });
        const actors = new ActorResolver(
          deps.httpAuth,
          deps.userInfo,
          deps.permissions,
          orgRoles,
        );
        const authorizer = new RequestAuthorizer(deps.httpAuth, deps.permissions);
        deps.httpRouter.use(
          createRouter([
            createEnvironmentsRouter({
              environments: environmentStore,
              orgRoles,
              userInfo: deps.userInfo,
              authorizer,
            }),
            createDeploymentsRouter({
              deployments: deploymentService,
              matrix: matrixService,
              authorizer,
              auditor: deps.auditor,
              signals: deps.signals,
            }),
            createRequestsRouter({ requests: requestService, actors, auditor: deps.auditor }),
            createTemplatesRouter({
              templates: templateService,
              actors,
              auditor: deps.auditor,
            }),
          ]),
        );
      },
    });
  },
});
