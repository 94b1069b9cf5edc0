import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Workload } from '@shipgate/plugin-deployments-common';

/** How many components to list on a stage before "+N more" (the tooltip lists them all). */
const LISTED = 3;

const line = ([name, w]: [string, Workload]) => `${name} ${w.version ?? '—'}`;

/**
 * A System's workloads on a pipeline stage, compact: "3 components · 2 live", then each
 * component's version (the first few; all of them in the tooltip).
 */
export function WorkloadVersions({
  workloads,
}: {
  workloads: Record<string, Workload>;
}) {
  const entries = Object.entries(workloads);
  const live = entries.filter(([, w]) => w.version).length;
  return (
    <Tooltip title={entries.length ? entries.map(line).join(' · ') : ''}>
      <div data-testid="stage-workloads">
        <Typography variant="body2" component="div">
          {entries.length} component{entries.length === 1 ? '' : 's'} · {live}{' '}
          live
        </Typography>
        {entries.slice(0, LISTED).map(entry => (
          <Typography key={entry[0]} variant="caption" component="div" noWrap>
            {line(entry)}
          </Typography>
        ))}
        {entries.length > LISTED && (
          <Typography variant="caption" component="div" color="textSecondary">
            +{entries.length - LISTED} more
          </Typography>
        )}
      </div>
    </Tooltip>
  );
}
