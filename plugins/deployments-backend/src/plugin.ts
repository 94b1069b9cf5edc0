import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  approvalDecidePermission,
  deploymentsPermissions,
} from '@shipgate/plugin-deployments-common';
import {
  OrgRoles,
  approvalSubjectResourceRef,
  approvalSubjectRules,
} from '@shipgate/plugin-deployments-node';
import { ApprovalEngine } from './approvals/ApprovalEngine';
import { KnexApprovalStore } from './approvals/ApprovalStore';
import { KnexAuditLog } from './audit/AuditLog';
import { BreakGlassNotifier } from './breakGlass/BreakGlassNotifier';
import { BreakGlassService } from './breakGlass/BreakGlassService';
import { KnexBreakGlassStore } from './breakGlass/BreakGlassStore';
import { createBreakGlassRouter } from './breakGlass/breakGlassRouter';
import { ActorResolver } from './auth/ActorResolver';
import { RequestAuthorizer } from './auth/RequestAuthorizer';
import { migrateDatabase } from './database/migrateDatabase';
import { tuneSqlite } from './database/sqliteTuning';
import { DemoHistorySeeder } from './demo/DemoHistorySeeder';
import { seedDemoTemplates } from './demo/DemoTemplateSeeder';
import { DeploymentService } from './deployments/DeploymentService';
import { KnexDeploymentStore } from './deployments/DeploymentStore';
import { createDeploymentsRouter } from './deployments/deploymentsRouter';
import { EnvironmentService } from './environments/EnvironmentService';
import { KnexEnvironmentStore } from './environments/EnvironmentStore';
import { readEnvironmentsConfig } from './environments/environmentsConfig';
import { createEnvironmentsRouter } from './environments/environmentsRouter';
import { FreezeGate } from './freezes/FreezeGate';
import { FreezeService } from './freezes/FreezeService';
import { KnexFreezeStore } from './freezes/FreezeStore';
import { createFreezesRouter } from './freezes/freezesRouter';
import { createRouter } from './http/router';
import { DEFAULT_QUIET_MS, ServingActivity } from './http/ServingActivity';
import { MatrixService } from './matrix/MatrixService';
import { KnexMatrixStore } from './matrix/MatrixStore';
import { createMatrixRouter } from './matrix/matrixRouter';
import { ProductCatalog } from './products/ProductCatalog';
import { KnexProductStore } from './products/ProductStore';
import { PipelineService } from './pipelines/PipelineService';
import { ProductCallers } from './pipelines/ProductCallers';
import { ConfigDeploymentGate } from './environmentConfig/ConfigDeploymentGate';
import { EnvironmentConfigService } from './environmentConfig/EnvironmentConfigService';
import { KnexEnvironmentConfigStore } from './environmentConfig/EnvironmentConfigStore';
import { createEnvironmentConfigRouter } from './environmentConfig/environmentConfigRouter';
import { PromotionPreviewer } from './promotions/PromotionPreviewer';
import { createPromotionsRouter } from './promotions/promotionsRouter';
import { PromotionApprovals } from './promotions/PromotionApprovals';
import { PromotionExecutor } from './promotions/PromotionExecutor';
import { PromotionNotifier } from './promotions/PromotionNotifier';
import { PromotionService } from './promotions/PromotionService';
import { KnexPromotionStore } from './promotions/PromotionStore';
import { KnexPipelineStore } from './pipelines/PipelineStore';
import { createPipelinesRouter } from './pipelines/pipelinesRouter';
import { KnexDeploymentRequestStore } from './requests/DeploymentRequestStore';
import { RequestAudit } from './requests/RequestAudit';
import { RequestCommands } from './requests/RequestCommands';
import { RequestCompletion } from './requests/RequestCompletion';
import { RequestContentsValidator } from './requests/RequestContentsValidator';
import { RequestDecisions } from './requests/RequestDecisions';
import { RequestDeploymentGate } from './requests/RequestDeploymentGate';
import { RequestNotifier } from './requests/RequestNotifier';
import { RequestPresenter } from './requests/RequestPresenter';
import { RequestRecords } from './requests/RequestRecords';
import { RequestSlotApprovals } from './requests/RequestSlotApprovals';
import { RequestSteps } from './requests/RequestSteps';
import { createRequestsRouter } from './requests/requestsRouter';
import { DeploymentApprovals } from './protection/DeploymentApprovals';
import { ProtectionGate } from './protection/ProtectionGate';
import { ProtectionNotifier } from './protection/ProtectionNotifier';
import { ProtectionService } from './protection/ProtectionService';
import { createProtectionRouter } from './protection/protectionRouter';
import { TaskService } from './tasks/TaskService';
import { createTasksRouter } from './tasks/tasksRouter';
import { TemplateService } from './templates/TemplateService';
import { KnexTemplateStore } from './templates/TemplateStore';
import { createTemplatesRouter } from './templates/templatesRouter';
import { DeploymentGate } from './gates/DeploymentGate';
import { RuleEvaluator } from './rules/RuleEvaluator';
import { RuleGate } from './rules/RuleGate';
import { RuleService } from './rules/RuleService';
import { KnexRuleStore } from './rules/RuleStore';
import { createRulesRouter } from './rules/rulesRouter';

/**
 * Shipgate's backend plugin: deployment tracking, the environment matrix, deployment
 * requests and the approvals engine. Wiring only: stores, then services, then routers.
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
        rootLifecycle: coreServices.rootLifecycle,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, database, scheduler, auditor } = deps;
        const knex = await migrateDatabase(database);
        await tuneSqlite(knex);
        const orgRoles = OrgRoles.fromConfig(config);

        // Stores
        const environmentStore = new KnexEnvironmentStore(knex);
        const productStore = new KnexProductStore(knex);
        const deploymentStore = new KnexDeploymentStore(knex);
        const approvalStore = new KnexApprovalStore(knex);
        const requestStore = new KnexDeploymentRequestStore(knex);
        const templateStore = new KnexTemplateStore(knex);
        const configStore = new KnexEnvironmentConfigStore(knex);
        const freezeStore = new KnexFreezeStore(knex);
        const breakGlassStore = new KnexBreakGlassStore(knex);
        await environmentStore.seed(readEnvironmentsConfig(config));

        // Services
        const products = new ProductCatalog(deps.catalog, deps.auth, productStore, logger);
        // Requests in flight: notifications and signals wait for a quiet moment (bounded).
        const activity = new ServingActivity(
          config.getOptionalNumber('deployments.notifications.quietMs') ?? DEFAULT_QUIET_MS,
        );
        const notifier = new RequestNotifier(deps.notifications, deps.signals, orgRoles, logger, activity);
        // Notifications go out after the answer; a stopping backend sends what is queued first,
        // before plugins shut down: the notifications backend refuses calls once its own
        // shutdown starts, and every plugin's shutdown starts at once.
        const sendQueuedBeforeShutdown = (queue: { idle(): Promise<void> }) =>
          deps.rootLifecycle.addBeforeShutdownHook(() => queue.idle());
        sendQueuedBeforeShutdown(notifier);
        const requestAudit = new RequestAudit(new KnexAuditLog(knex));
        const records = new RequestRecords(requestStore, approvalStore);
        const promotionStore = new KnexPromotionStore(knex);
        // Promotions execute inside the deciding transaction.
        const promotionExecution = new PromotionExecutor(configStore);
        const approvals = new ApprovalEngine(approvalStore, environmentStore, [
          new RequestSlotApprovals(requestStore, approvalStore, requestAudit),
          new PromotionApprovals(promotionStore, promotionExecution),
          new DeploymentApprovals(deploymentStore, environmentStore, new KnexAuditLog(knex)),
        ]);
        const protectionNotifier = new ProtectionNotifier(deps.notifications, orgRoles, logger, activity);
        sendQueuedBeforeShutdown(protectionNotifier);
        const protection = new ProtectionService(approvals, deploymentStore, protectionNotifier, new KnexAuditLog(knex));
        const completion = new RequestCompletion(
          requestStore,
          records,
          deploymentStore,
          requestAudit,
          notifier,
        );
        const environmentConfigs = new EnvironmentConfigService(configStore, environmentStore, products);
        const freezes = new FreezeService(freezeStore, environmentStore);
        const breakGlassNotifier = new BreakGlassNotifier(deps.notifications, orgRoles, logger, activity);
        sendQueuedBeforeShutdown(breakGlassNotifier);
        const breakGlass = new BreakGlassService(breakGlassStore, environmentStore, breakGlassNotifier);
        const environments = new EnvironmentService(environmentStore, freezes, breakGlass, protection);
        const rules = new RuleService(new KnexRuleStore(knex), environmentStore, products, new KnexAuditLog(knex));
        // Asked in order by ingestion; POST /rules/evaluate dry-runs this same list.
        const gates: DeploymentGate[] = [
          new FreezeGate(freezes),
          new ProtectionGate(environmentStore, approvals, protectionNotifier),
          new RequestDeploymentGate(requestStore, records, completion, requestAudit, notifier),
          new RuleGate(rules, requestStore),
          // Last: told of successful deployments, it moves the version in the configuration.
          new ConfigDeploymentGate(environmentConfigs),
        ];
        const deployments = new DeploymentService(deploymentStore, environmentStore, products, gates, logger);
        const presenter = new RequestPresenter(
          requestStore,
          records,
          approvals,
          environmentStore,
          deploymentStore,
          products,
          completion,
          requestAudit,
        );
        const commands = new RequestCommands(
          requestStore,
          records,
          approvals,
          environmentStore,
          new RequestContentsValidator(environmentStore, products, templateStore),
          completion,
          requestAudit,
          notifier,
          rules,
        );
        const decisions = new RequestDecisions(requestStore, records, approvals, notifier);
        const steps = new RequestSteps(requestStore, records, completion, requestAudit, notifier);
        const templates = new TemplateService(templateStore, environmentStore);
        const pipelines = new PipelineService(new KnexPipelineStore(knex), environmentStore, products);
        const previewer = new PromotionPreviewer(configStore, environmentStore, pipelines, products);
        const promotionNotifier = new PromotionNotifier(deps.notifications, orgRoles, logger, activity);
        sendQueuedBeforeShutdown(promotionNotifier);
        const promotions = new PromotionService(
          promotionStore,
          approvals,
          promotionExecution,
          previewer,
          configStore,
          environmentStore,
          deployments,
          products,
          promotionNotifier,
        );
        const tasks = new TaskService(approvals, requestStore, records, products, promotions, protection);
        const matrix = new MatrixService(new KnexMatrixStore(knex), environmentStore, products);

        const demoData = config.getOptionalBoolean('deployments.demoData') ?? false;
        const seeder = demoData ? new DemoHistorySeeder(deploymentStore, logger, configStore) : undefined;
        if (demoData) await seedDemoTemplates(templateStore);
        await scheduler.scheduleTask({
          id: 'deployments-refresh-products',
          scope: 'global',
          frequency: { minutes: 5 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            await products.refresh();
            await seeder?.seedIfEmpty(await productStore.listRefs(), await environmentStore.list());
          },
        });

        // Permissions: deciding is a resource permission on approval subjects, so policies
        // answer with conditions that the framework evaluates against these resources.
        deps.permissionsRegistry.addPermissions(deploymentsPermissions);
        deps.permissionsRegistry.addResourceType({
          resourceRef: approvalSubjectResourceRef,
          permissions: [approvalDecidePermission],
          rules: approvalSubjectRules,
          getResources: refs => approvals.resources(refs.map(Number)),
        });

        // Routers
        const actors = new ActorResolver(
          deps.httpAuth,
          deps.userInfo,
          deps.permissions,
          orgRoles,
          deps.permissionsRegistry.getPermissionRuleset(approvalSubjectResourceRef),
          approvals,
        );
        const authorizer = new RequestAuthorizer(deps.httpAuth, deps.permissions);
        const callers = new ProductCallers(deps.httpAuth, deps.userInfo, deps.permissions);
        deps.httpRouter.use(
          createRouter([
            createEnvironmentsRouter({
              environments,
              orgRoles,
              userInfo: deps.userInfo,
              authorizer,
              auditor,
            }),
            createFreezesRouter({ freezes, authorizer, auditor }),
            createBreakGlassRouter({ breakGlass, authorizer, auditor }),
            createDeploymentsRouter({
              deployments,
              authorizer,
              auditor,
              signals: deps.signals,
              logger,
              approvals: protection,
            }),
            createProtectionRouter({
              protection,
              authorizer,
              userInfo: deps.userInfo,
              orgRoles,
              auditor,
              signals: deps.signals,
              logger,
            }),
            createMatrixRouter({ matrix, authorizer }),
            createRequestsRouter({ presenter, commands, decisions, steps, actors, auditor }),
            createTasksRouter({ tasks, actors }),
            createTemplatesRouter({ templates, actors, auditor }),
            createPipelinesRouter({ pipelines, callers, auditor }),
            createEnvironmentConfigRouter({ configs: environmentConfigs, callers, auditor }),
            createPromotionsRouter({ previewer, promotions, callers, auditor }),
            createRulesRouter({
              rules,
              evaluator: new RuleEvaluator(gates, deployments, environmentStore, (v, f) => products.refOf(v, f)),
              authorizer,
              auditor,
            }),
          ], logger, activity),
        );
      },
    });
  },
});
