/**
 * Shipgate's frontend plugin: the environment matrix and deployment history of each product,
 * deployment requests (approvals by role, steps, templates, progress, audit), My Tasks, the
 * promotion pipeline, and the global Deployments, Deployment Requests, My Tasks, Environments
 * and promotion pages.
 *
 * This entry point serves apps on the legacy frontend system; apps on the new frontend system
 * install the default export of `@shipgate/plugin-deployments/alpha`.
 *
 * @packageDocumentation
 */
export {
  deploymentsPlugin,
  DeploymentsPage,
  DeploymentRequestsPage,
  EntityDeploymentsContent,
  EntityDeploymentRequestsContent,
  EntityMyTasksContent,
  EntityPipelineContent,
  EnvironmentsPage,
  MyTasksPage,
  PromotionPage,
} from './plugin';
export { deploymentsApiRef } from './api';
export type { DeploymentsApi } from './api';
export {
  rootRouteRef,
  deploymentRequestsRouteRef,
  myTasksRouteRef,
  environmentsRouteRef,
  promotionsRouteRef,
  ENVIRONMENTS_PATH,
  BREAK_GLASS_REPORT_PATH,
  DEPLOYMENT_REQUESTS_PATH,
  deploymentRequestPath,
  editDeploymentRequestPath,
} from './routes';
export { DecisionDialog, RelativeTime } from './components';
export type {
  DecisionDialogProps,
  DecisionTarget,
  RelativeTimeProps,
} from './components';
export {
  DeploymentHistoryTable,
  DeploymentStatusLabel,
  EnvironmentCell,
  EnvironmentMatrix,
  RecordDeploymentHint,
} from './features/deployments';
export type {
  DeploymentHistoryTableProps,
  EnvironmentCellProps,
  EnvironmentMatrixFilter,
  EnvironmentMatrixProps,
  RecordDeploymentHintProps,
} from './features/deployments';
export {
  DeploymentRequestStateChip,
  OpenDeploymentRequestsCard,
} from './features/requests';
export { MyTasksList, MyTasksSidebarItem } from './features/tasks';
export { FrozenEnvironmentsBanner } from './features/freezes';
export type { FrozenEnvironmentsBannerProps } from './features/freezes';
export type {
  MyTasksListProps,
  MyTasksSidebarItemProps,
} from './features/tasks';
