import {
  DEPLOYMENTS_SIGNAL_CHANNEL,
  DeploymentSignal,
} from '@shipgate/plugin-deployments-common';
import { useSignalRefresh } from './useSignalRefresh';

/** Loads again when a deployment changes (of `product`, when given). */
export function useDeploymentsRefresh(product?: string) {
  const { refreshKey, refresh } = useSignalRefresh<DeploymentSignal>(
    DEPLOYMENTS_SIGNAL_CHANNEL,
    signal =>
      !product || signal.product?.toLowerCase() === product.toLowerCase(),
  );
  return { refreshKey, refresh };
}
