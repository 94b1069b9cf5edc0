export {
  DeploymentRequestStateChip,
  deploymentRequestStateLabel,
} from './DeploymentRequestStateChip';
