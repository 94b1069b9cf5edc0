import { createApiRef } from '@backstage/core-plugin-api';
import type { DeploymentsApi } from '@shipgate/plugin-deployments-common';

/**
 * The Shipgate API as the frontend reaches it. One ref serves both frontend systems: the
 * new system's ApiBlueprint and the legacy createApiFactory build it from the same client.
 */
export const deploymentsApiRef = createApiRef<DeploymentsApi>({
  id: 'plugin.deployments.service',
});
