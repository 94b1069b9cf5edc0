import { createRouteRef as createLegacyRouteRef } from '@backstage/core-plugin-api';
import { createRouteRef } from '@backstage/frontend-plugin-api';

/**
 * The two frontend systems have different route ref types, so every global page has one ref
 * per system. Both systems mount the pages at the same default paths.
 */

/** Route of the Deployments page in the new frontend system (`alpha`). */
export const deploymentsPageRouteRef = createRouteRef();

/** Route of the Deployment Requests page (list, detail, new, edit, templates) in `alpha`. */
export const deploymentRequestsPageRouteRef = createRouteRef();

/** Route of the My Tasks page in `alpha`. */
export const myTasksPageRouteRef = createRouteRef();

/** Route of the Environments admin page (policies, freezes) in `alpha`. */
export const environmentsPageRouteRef = createRouteRef();

/** Route of the Deployments page in the legacy frontend system. */
export const rootRouteRef = createLegacyRouteRef({ id: 'deployments' });

/** Route of the Deployment Requests page in the legacy frontend system. */
export const deploymentRequestsRouteRef = createLegacyRouteRef({
  id: 'deployments:deployment-requests',
});

/** Route of the My Tasks page in the legacy frontend system. */
export const myTasksRouteRef = createLegacyRouteRef({
  id: 'deployments:my-tasks',
});

/** Route of the Environments admin page in the legacy frontend system. */
export const environmentsRouteRef = createLegacyRouteRef({
  id: 'deployments:environments',
});

/** Route of a promotion's page in the legacy frontend system (mounted at PROMOTIONS_PATH). */
export const promotionsRouteRef = createLegacyRouteRef({
  id: 'deployments:promotions',
});

/** Where the Environments page is mounted by default. */
export const ENVIRONMENTS_PATH = '/environments';

/** The break-glass report, under the Environments page (admin notifications link here). */
export const BREAK_GLASS_REPORT_PATH = `${ENVIRONMENTS_PATH}/break-glass`;

/** The deployment rules page (admins), under the Environments page. */
export const RULES_PATH = `${ENVIRONMENTS_PATH}/rules`;

/**
 * Where the Deployment Requests page is mounted. Links from other pages (My Tasks, the open
 * requests card, entity tabs) are absolute, so an app that mounts the page elsewhere must keep
 * this path; both plugin definitions mount it here.
 */
export const DEPLOYMENT_REQUESTS_PATH = '/deployment-requests';

/** `/deployment-requests/12`: a request's page. */
export function deploymentRequestPath(id: number): string {
  return `${DEPLOYMENT_REQUESTS_PATH}/${id}`;
}

/** `/deployment-requests/12/edit`: a draft's edit page. */
export function editDeploymentRequestPath(id: number): string {
  return `${DEPLOYMENT_REQUESTS_PATH}/${id}/edit`;
}

/** Where a promotion lives (notifications link here); the new frontend system mounts it. */
export const PROMOTIONS_PATH = '/promotions';
export function promotionPath(id: number): string {
  return `${PROMOTIONS_PATH}/${id}`;
}
