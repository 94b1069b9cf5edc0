export { EntityDeploymentRequestsContent } from './EntityDeploymentRequestsContent';
