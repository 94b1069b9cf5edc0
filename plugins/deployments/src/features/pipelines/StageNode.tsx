import { Handle, NodeProps, Position, Node } from '@xyflow/react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EnvironmentOverview,
  Workload,
} from '@shipgate/plugin-deployments-common';
import { untilText } from '../freezes/freezeText';
import { WorkloadVersions } from '../systems/WorkloadVersions';
import { STAGE_WIDTH } from './pipelineLayout';

/** Dark enough for white text at 4.5:1 (WCAG AA). */
export const TIER_COLOURS: Record<string, string> = {
  development: '#1565c0',
  testing: '#6a1b9a',
  staging: '#b35900',
  production: '#c62828',
  other: '#455a64',
};

export type StageNodeData = {
  environment: string;
  /** The configured environment, or undefined when it was removed from the configuration. */
  details?: EnvironmentOverview;
  /** The version live there, if any. */
  version?: string;
  /** A System's stage: each component's version there (instead of one version). */
  workloads?: Record<string, Workload>;
  editing: boolean;
  onDelete?: (environment: string) => void;
  /** Set when transitions leave this stage: opens the promotion dialog. */
  onPromote?: (environment: string) => void;
  /** A promotion into this stage waiting for its release to be deployed. */
  pendingRelease?: { id: number; onDeploy: () => void };
};
export type StageNodeType = Node<StageNodeData, 'stage'>;

const useStyles = makeStyles(theme => ({
  node: {
    width: STAGE_WIDTH,
    padding: theme.spacing(1, 1.5),
    borderRadius: 8,
    border: `1px solid ${theme.palette.divider}`,
    background: theme.palette.background.paper,
    color: theme.palette.text.primary,
    boxShadow: theme.shadows[1],
  },
  frozen: {
    marginTop: theme.spacing(0.5),
    padding: '0 6px',
    borderRadius: 4,
    // Dark blue on light blue: 4.5:1 or better (WCAG AA).
    background: '#e3f2fd',
    color: '#0d47a1',
    fontSize: '0.75rem',
  },
  badge: {
    display: 'inline-block',
    padding: '0 6px',
    borderRadius: 4,
    color: '#fff',
    fontSize: '0.75rem',
    lineHeight: '18px',
  },
}));

/** A stage: environment, tier badge, live version, deploy policy, freeze state. */
export function StageNode({ data }: NodeProps<StageNodeType>) {
  const classes = useStyles();
  const tier = data.details?.tier ?? 'other';
  return (
    <div className={classes.node} data-testid={`stage-${data.environment}`}>
      <Handle
        type="target"
        position={Position.Left}
        isConnectable={data.editing}
      />
      <Box display="flex" justifyContent="space-between" alignItems="center">
        <Typography variant="subtitle2" component="span">
          {data.details?.title ?? data.environment}
        </Typography>
        <span
          className={classes.badge}
          style={{ background: TIER_COLOURS[tier] ?? TIER_COLOURS.other }}
        >
          {tier}
        </span>
      </Box>
      {data.workloads ? (
        <WorkloadVersions workloads={data.workloads} />
      ) : (
        <Typography variant="body2" component="div">
          {data.version ? `Live: ${data.version}` : 'Nothing deployed'}
        </Typography>
      )}
      <Typography variant="caption" component="div" color="textSecondary">
        {data.details
          ? `Deploy policy: ${data.details.deployPolicy}`
          : 'Not a configured environment'}
      </Typography>
      {data.details?.frozen && (
        <Typography
          variant="caption"
          component="div"
          className={classes.frozen}
          title={data.details.frozenBy?.reason}
        >
          {`Frozen ${untilText(data.details.frozenBy?.until ?? null)}`}
          {data.details.breakGlass ? ' · break-glass open' : ''}
        </Typography>
      )}
      {data.editing && data.onDelete && (
        <Button
          size="small"
          className="nodrag"
          aria-label={`Remove stage ${data.environment}`}
          onClick={() => data.onDelete?.(data.environment)}
        >
          Remove
        </Button>
      )}
      {!data.editing && (data.onPromote || data.pendingRelease) && (
        <Box display="flex" style={{ gap: 4 }} mt={0.5}>
          {data.onPromote && (
            <Button
              size="small"
              variant="outlined"
              className="nodrag"
              aria-label={`Promote from ${data.environment}`}
              onClick={() => data.onPromote?.(data.environment)}
            >
              Promote
            </Button>
          )}
          {data.pendingRelease && (
            <Button
              size="small"
              color="primary"
              variant="contained"
              className="nodrag"
              aria-label={`Deploy now to ${data.environment}`}
              onClick={data.pendingRelease.onDeploy}
            >
              Deploy now
            </Button>
          )}
        </Box>
      )}
      <Handle
        type="source"
        position={Position.Right}
        isConnectable={data.editing}
      />
    </div>
  );
}
