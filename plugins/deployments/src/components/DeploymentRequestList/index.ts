export { DeploymentRequestList } from './DeploymentRequestList';
export type { DeploymentRequestListFilters } from './DeploymentRequestList';
