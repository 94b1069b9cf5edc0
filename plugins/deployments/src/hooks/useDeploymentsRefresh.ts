import {
  DEPLOYMENTS_SIGNAL_CHANNEL,
  DeploymentSignal,
} from '@shipgate/plugin-deployments-common';
import { useSignalRefresh } from './useSignalRefresh';

/** Loads again when a deployment changes (of one of `products`, when given). */
export function useDeploymentsRefresh(products?: readonly string[]) {
  const { refreshKey, refresh } = useSignalRefresh<DeploymentSignal>(
    DEPLOYMENTS_SIGNAL_CHANNEL,
    signal =>
      !products ||
      products.some(p => p.toLowerCase() === signal.product?.toLowerCase()),
  );
  return { refreshKey, refresh };
}
