export { DeploymentRequestsPage } from './DeploymentRequestsPage';
export { EntityDeploymentRequestsContent } from './EntityDeploymentRequestsContent';
export {
  OpenDeploymentRequestsCard,
  OPEN_REQUESTS_PER_STATE,
} from './OpenDeploymentRequestsCard';
export {
  DeploymentRequestStateChip,
  deploymentRequestStateLabel,
} from './DeploymentRequestStateChip';
