import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { DeploymentRequest } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';

/**
 * One deployment request, loaded by id. `reload` fetches it again (keeping the current one on
 * screen meanwhile); `replace` shows the request an action answered with. Answers that arrive
 * after a newer load or replacement are dropped, so a slow refetch never undoes an action.
 */
export function useDeploymentRequest(id: number | undefined): {
  request?: DeploymentRequest;
  error?: Error;
  loading: boolean;
  reload: () => void;
  replace: (request: DeploymentRequest) => void;
} {
  const api = useApi(deploymentsApiRef);
  const [request, setRequest] = useState<DeploymentRequest>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(id !== undefined);
  const generation = useRef(0);

  const reload = useCallback(() => {
    if (id === undefined) return;
    const mine = ++generation.current;
    setLoading(true);
    api.getRequest(id).then(
      loaded => {
        if (generation.current !== mine) return;
        setRequest(loaded);
        setError(undefined);
        setLoading(false);
      },
      failure => {
        if (generation.current !== mine) return;
        setError(failure);
        setLoading(false);
      },
    );
  }, [api, id]);

  const replace = useCallback((next: DeploymentRequest) => {
    generation.current++;
    setRequest(next);
    setError(undefined);
    setLoading(false);
  }, []);

  useEffect(() => {
    setRequest(undefined);
    setError(undefined);
    reload();
    return () => {
      // Answers for a request no longer shown are dropped. `generation` is a counter, not a
      // DOM node: bumping its current value here is the point.
      // eslint-disable-next-line react-hooks/exhaustive-deps
      generation.current++;
    };
  }, [reload]);

  return { request, error, loading, reload, replace };
}
