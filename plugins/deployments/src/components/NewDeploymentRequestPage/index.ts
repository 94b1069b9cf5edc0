export { NewDeploymentRequestPage } from './NewDeploymentRequestPage';
