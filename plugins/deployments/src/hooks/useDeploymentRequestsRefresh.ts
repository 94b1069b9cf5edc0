import {
  DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL,
  DeploymentRequestSignal,
} from '@shipgate/plugin-deployments-common';
import { useSignalRefresh } from './useSignalRefresh';

/** Loads again when a deployment request changes (one that `accept` takes, when given). */
export function useDeploymentRequestsRefresh(
  accept?: (signal: DeploymentRequestSignal) => boolean,
) {
  return useSignalRefresh<DeploymentRequestSignal>(
    DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL,
    accept,
  );
}
