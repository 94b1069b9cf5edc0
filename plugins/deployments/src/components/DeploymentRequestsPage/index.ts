export { DeploymentRequestsPage } from './DeploymentRequestsPage';
