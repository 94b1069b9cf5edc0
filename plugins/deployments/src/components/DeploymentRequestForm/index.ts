export { DeploymentRequestForm } from './DeploymentRequestForm';
export type { DeploymentRequestFormProps } from './DeploymentRequestForm';
