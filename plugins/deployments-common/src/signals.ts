import { DeploymentStatus } from './deployments/statuses';

/** The signal channel open pages listen on to refresh when deployments change. */
export const DEPLOYMENTS_SIGNAL_CHANNEL = 'deployments';

/** The message published on {@link DEPLOYMENTS_SIGNAL_CHANNEL} when a deployment changes. */
export interface DeploymentSignal {
  deploymentId: number;
  /** Full entity ref of the product. */
  product: string;
  environment: string;
  status: DeploymentStatus;
}

/** The signal channel open request pages and task lists listen on. */
export const DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL = 'deployment-requests';

/** Published on {@link DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL} whenever a request changes. */
export interface DeploymentRequestSignal {
  requestId: number;
  state: string;
  /** Who changed it (a user entity ref), so a page can tell others' changes from its own. */
  actor: string;
}
