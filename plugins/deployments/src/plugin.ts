import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { DeploymentsClient } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from './api';
import {
  deploymentRequestsRouteRef,
  environmentsRouteRef,
  myTasksRouteRef,
  promotionsRouteRef,
  rootRouteRef,
} from './routes';

/** Shipgate for apps on the legacy frontend system. New apps use `@shipgate/plugin-deployments/alpha`. */
export const deploymentsPlugin = createPlugin({
  id: 'deployments',
  apis: [
    createApiFactory({
      api: deploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeploymentsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    deploymentRequests: deploymentRequestsRouteRef,
    myTasks: myTasksRouteRef,
    environments: environmentsRouteRef,
    promotions: promotionsRouteRef,
  },
});

// The page and tab exports are typed as plain components so that the public API (report.api.md)
// does not name the lazily loaded modules behind them.

/** The global Deployments page; mount it with `<Route path="/deployments" element={<DeploymentsPage />} />`. */
export const DeploymentsPage: () => JSX.Element = deploymentsPlugin.provide(
  createRoutableExtension({
    name: 'DeploymentsPage',
    component: () =>
      import('./features/deployments/DeploymentsPage').then(
        m => m.DeploymentsPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The Deployments tab of an entity page; put it in an `EntityLayout.Route path="/deployments"`. */
export const EntityDeploymentsContent: () => JSX.Element =
  deploymentsPlugin.provide(
    createComponentExtension({
      name: 'EntityDeploymentsContent',
      component: {
        lazy: () =>
          import('./features/deployments/EntityDeploymentsContent').then(
            m => m.EntityDeploymentsContent,
          ),
      },
    }),
  );

/**
 * The global Deployment Requests page (list, new, templates, a request, its edit page). Mount
 * it with `<Route path="/deployment-requests" element={<DeploymentRequestsPage />} />`: other
 * views link to `/deployment-requests/...`.
 */
export const DeploymentRequestsPage: () => JSX.Element =
  deploymentsPlugin.provide(
    createRoutableExtension({
      name: 'DeploymentRequestsPage',
      component: () =>
        import('./features/requests/DeploymentRequestsPage').then(
          m => m.DeploymentRequestsPage,
        ),
      mountPoint: deploymentRequestsRouteRef,
    }),
  );

/** The global My Tasks page; mount it with `<Route path="/my-tasks" element={<MyTasksPage />} />`. */
export const MyTasksPage: () => JSX.Element = deploymentsPlugin.provide(
  createRoutableExtension({
    name: 'MyTasksPage',
    component: () =>
      import('./features/tasks/MyTasksPage').then(m => m.MyTasksPage),
    mountPoint: myTasksRouteRef,
  }),
);

/** The Environments admin page; mount it with `<Route path="/environments" element={<EnvironmentsPage />} />`. */
export const EnvironmentsPage: () => JSX.Element = deploymentsPlugin.provide(
  createRoutableExtension({
    name: 'EnvironmentsPage',
    component: () =>
      import('./features/environments/EnvironmentsRoutes').then(m => m.EnvironmentsRoutes),
    mountPoint: environmentsRouteRef,
  }),
);

/**
 * A promotion's page, where the inbox and My Tasks link; mount it with
 * `<Route path="/promotions" element={<PromotionPage />} />` (links use that path).
 */
export const PromotionPage: () => JSX.Element = deploymentsPlugin.provide(
  createRoutableExtension({
    name: 'PromotionPage',
    component: () =>
      import('./features/promotions/PromotionPage').then(m => m.PromotionPage),
    mountPoint: promotionsRouteRef,
  }),
);

/** The Deployment Requests tab of an entity page; put it in an `EntityLayout.Route path="/deployment-requests"`. */
export const EntityDeploymentRequestsContent: () => JSX.Element =
  deploymentsPlugin.provide(
    createComponentExtension({
      name: 'EntityDeploymentRequestsContent',
      component: {
        lazy: () =>
          import('./features/requests/EntityDeploymentRequestsContent').then(
            m => m.EntityDeploymentRequestsContent,
          ),
      },
    }),
  );

/** The My Tasks tab of an entity page; put it in an `EntityLayout.Route path="/my-tasks"`. */
export const EntityMyTasksContent: () => JSX.Element =
  deploymentsPlugin.provide(
    createComponentExtension({
      name: 'EntityMyTasksContent',
      component: {
        lazy: () =>
          import('./features/tasks/EntityMyTasksContent').then(
            m => m.EntityMyTasksContent,
          ),
      },
    }),
  );

/** The Pipeline tab of an entity page; put it in an `EntityLayout.Route path="/pipeline"`. */
export const EntityPipelineContent: () => JSX.Element | null = deploymentsPlugin.provide(
  createComponentExtension({
    name: 'EntityPipelineContent',
    component: {
      lazy: () =>
        import('./features/pipelines/EntityPipelineContent').then(
          m => m.EntityPipelineContent,
        ),
    },
  }),
);
