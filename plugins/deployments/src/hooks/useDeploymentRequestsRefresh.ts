import { useCallback, useEffect, useState } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL,
  DeploymentRequestSignal,
} from '@shipgate/plugin-deployments-common';

/**
 * A counter that goes up when the user asks for a refresh, and when the backend signals that a
 * deployment request changed (one that `accept` takes, when given). Views pass it as a
 * dependency of their load. Without the signals plugin installed only the manual refresh works.
 */
export function useDeploymentRequestsRefresh(
  accept?: (signal: DeploymentRequestSignal) => boolean,
): {
  refreshKey: number;
  refresh: () => void;
  /** The last signal that caused a refresh. */
  lastSignal?: DeploymentRequestSignal;
} {
  const [refreshKey, setRefreshKey] = useState(0);
  const [accepted, setAccepted] = useState<DeploymentRequestSignal>();
  const refresh = useCallback(() => setRefreshKey(key => key + 1), []);
  const { lastSignal } = useSignal<
    DeploymentRequestSignal & Record<string, any>
  >(DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL);

  useEffect(() => {
    if (!lastSignal) return;
    if (accept && !accept(lastSignal)) return;
    setAccepted(lastSignal);
    refresh();
    // `accept` is usually an inline function; the signal alone decides when to run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastSignal, refresh]);

  return { refreshKey, refresh, lastSignal: accepted };
}
