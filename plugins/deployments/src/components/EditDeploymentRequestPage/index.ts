export { EditDeploymentRequestPage } from './EditDeploymentRequestPage';
