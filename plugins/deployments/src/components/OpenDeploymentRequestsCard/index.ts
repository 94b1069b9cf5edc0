export {
  OpenDeploymentRequestsCard,
  OPEN_REQUESTS_PER_STATE,
} from './OpenDeploymentRequestsCard';
