import { useCallback, useEffect, useState } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  DEPLOYMENTS_SIGNAL_CHANNEL,
  DeploymentSignal,
} from '@shipgate/plugin-deployments-common';

/**
 * A counter that goes up when the user asks for a refresh, and when the backend signals that a
 * deployment changed (of `product`, when given). Views pass it as `refreshKey` to load again.
 * Without the signals plugin installed only the manual refresh works.
 */
export function useDeploymentsRefresh(product?: string): {
  refreshKey: number;
  refresh: () => void;
} {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey(key => key + 1), []);
  const { lastSignal } = useSignal<DeploymentSignal & Record<string, any>>(
    DEPLOYMENTS_SIGNAL_CHANNEL,
  );

  useEffect(() => {
    if (!lastSignal) return;
    if (product && lastSignal.product?.toLowerCase() !== product.toLowerCase())
      return;
    refresh();
  }, [lastSignal, product, refresh]);

  return { refreshKey, refresh };
}
