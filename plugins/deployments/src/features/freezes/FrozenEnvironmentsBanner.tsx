import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { deploymentsApiRef } from '../../api';
import { untilText } from './freezeText';

export interface FrozenEnvironmentsBannerProps {
  /** Reloads when it changes (e.g. the page's refresh key). */
  refreshKey?: unknown;
}

/**
 * Says which environments are frozen and until when, so nobody is surprised by a 423 from
 * CI. Shows nothing when none is frozen (or while loading, or if the list fails: the page
 * below reports its own errors).
 */
export function FrozenEnvironmentsBanner({
  refreshKey,
}: FrozenEnvironmentsBannerProps) {
  const api = useApi(deploymentsApiRef);
  const { value } = useAsync(() => api.listEnvironments(), [api, refreshKey]);
  const frozen = (value ?? []).filter(e => e.frozen && e.frozenBy);
  if (frozen.length === 0) return null;
  return (
    <Alert severity="warning" role="status" aria-label="Frozen environments">
      <AlertTitle>
        {frozen.length === 1
          ? 'An environment is frozen'
          : `${frozen.length} environments are frozen`}
      </AlertTitle>
      {frozen.length === 1
        ? 'Deployments into it are refused until the freeze ends, unless someone breaks glass.'
        : 'Deployments into them are refused until their freezes end, unless someone breaks glass.'}
      <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
        {frozen.map(e => (
          <li key={e.name}>
            <strong>{e.title}</strong> {untilText(e.frozenBy!.until)} —{' '}
            {e.frozenBy!.reason}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
