export { deploymentsApiRef } from './deploymentsApiRef';
export type { DeploymentsApi } from '@shipgate/plugin-deployments-common';
