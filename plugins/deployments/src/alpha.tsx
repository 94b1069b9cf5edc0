import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import AssignmentIcon from '@material-ui/icons/Assignment';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import LayersIcon from '@material-ui/icons/Layers';
import { DeploymentsClient } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from './api';
import {
  DEPLOYMENT_REQUESTS_PATH,
  ENVIRONMENTS_PATH,
  deploymentRequestsPageRouteRef,
  deploymentsPageRouteRef,
  environmentsPageRouteRef,
  myTasksPageRouteRef,
  PROMOTIONS_PATH,
} from './routes';

/** The typed client of the Shipgate backend. */
export const deploymentsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DeploymentsClient({ discoveryApi, fetchApi }),
    }),
});

/** The Deployments tab of every Component's and System's entity page. */
export const entityDeploymentsContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: 'deployments',
    title: 'Deployments',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('./features/deployments/EntityDeploymentsContent').then(m => (
        <m.EntityDeploymentsContent />
      )),
  },
});

/**
 * The Deployment Requests tab of every Component's and System's entity page: the requests of
 * this product (of the system's components).
 */
export const entityDeploymentRequestsContent = EntityContentBlueprint.make({
  name: 'deployment-requests',
  params: {
    path: 'deployment-requests',
    title: 'Deployment Requests',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('./features/requests/EntityDeploymentRequestsContent').then(m => (
        <m.EntityDeploymentRequestsContent />
      )),
  },
});

/**
 * The My Tasks tab of every Component's and System's entity page: what the user can do for
 * this product (for the system's components and its pipeline).
 */
export const entityMyTasksContent = EntityContentBlueprint.make({
  name: 'my-tasks',
  params: {
    path: 'my-tasks',
    title: 'My Tasks',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('./features/tasks/EntityMyTasksContent').then(m => (
        <m.EntityMyTasksContent />
      )),
  },
});

/**
 * The Pipeline tab of every Component's and System's entity page: its promotion pipeline and
 * editor (a System promotes all its components together).
 */
export const entityPipelineContent = EntityContentBlueprint.make({
  name: 'pipeline',
  params: {
    path: 'pipeline',
    title: 'Pipeline',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('./features/pipelines/EntityPipelineContent').then(m => (
        <m.EntityPipelineContent />
      )),
  },
});

/**
 * The global Deployments page. The app's navigation lists every page that has a route ref,
 * with the page's title and icon, else the plugin's (this version of the frontend system has
 * no separate nav item extension).
 * The pages draw their own headers, so the app's default page header is off.
 */
export const deploymentsPage = PageBlueprint.make({
  params: {
    path: '/deployments',
    title: 'Deployments',
    icon: <CloudUploadIcon />,
    routeRef: deploymentsPageRouteRef,
    noHeader: true,
    loader: () =>
      import('./features/deployments/DeploymentsPage').then(m => (
        <m.DeploymentsPage />
      )),
  },
});

/** The global Deployment Requests page: the list, new, templates, a request, its edit page. */
export const deploymentRequestsPage = PageBlueprint.make({
  name: 'deployment-requests',
  params: {
    path: DEPLOYMENT_REQUESTS_PATH,
    title: 'Deployment Requests',
    icon: <AssignmentIcon />,
    routeRef: deploymentRequestsPageRouteRef,
    noHeader: true,
    loader: () =>
      import('./features/requests/DeploymentRequestsPage').then(m => (
        <m.DeploymentRequestsPage />
      )),
  },
});

/** The global My Tasks page: what the signed-in user can act on, across all products. */
export const myTasksPage = PageBlueprint.make({
  name: 'my-tasks',
  params: {
    path: '/my-tasks',
    title: 'My Tasks',
    icon: <AssignmentTurnedInIcon />,
    routeRef: myTasksPageRouteRef,
    noHeader: true,
    loader: () =>
      import('./features/tasks/MyTasksPage').then(m => <m.MyTasksPage />),
  },
});

/**
 * A promotion's page, where the inbox links: its preview, decisions, approve and reject.
 * No route ref: the app's navigation lists every page that has one (under the plugin's
 * title when the page has none), and this page is reached from links only.
 */
export const promotionsPage = PageBlueprint.make({
  name: 'promotions',
  params: {
    path: PROMOTIONS_PATH,
    noHeader: true,
    loader: () =>
      import('./features/promotions/PromotionPage').then(m => <m.PromotionPage />),
  },
});

/** The Environments page: deploy policies, approvals, freezes and "stop the line". */
export const environmentsPage = PageBlueprint.make({
  name: 'environments',
  params: {
    path: ENVIRONMENTS_PATH,
    title: 'Environments',
    icon: <LayersIcon />,
    routeRef: environmentsPageRouteRef,
    noHeader: true,
    loader: () =>
      import('./features/environments/EnvironmentsRoutes').then(m => (
        <m.EnvironmentsRoutes />
      )),
  },
});

/** Shipgate for apps on the new frontend system: `features: [deploymentsPlugin]`. */
export default createFrontendPlugin({
  pluginId: 'deployments',
  title: 'Deployments',
  icon: <CloudUploadIcon />,
  routes: {
    root: deploymentsPageRouteRef,
    deploymentRequests: deploymentRequestsPageRouteRef,
    myTasks: myTasksPageRouteRef,
    environments: environmentsPageRouteRef,
  },
  extensions: [
    deploymentsApi,
    entityDeploymentsContent,
    entityDeploymentRequestsContent,
    entityMyTasksContent,
    entityPipelineContent,
    deploymentsPage,
    deploymentRequestsPage,
    myTasksPage,
    promotionsPage,
    environmentsPage,
  ],
});

export { deploymentsApiRef } from './api';
export { MyTasksSidebarItem } from './features/tasks/MyTasksSidebarItem';
export type { MyTasksSidebarItemProps } from './features/tasks/MyTasksSidebarItem';
export {
  deploymentsPageRouteRef,
  deploymentRequestsPageRouteRef,
  myTasksPageRouteRef,
  PROMOTIONS_PATH,
  environmentsPageRouteRef,
} from './routes';
