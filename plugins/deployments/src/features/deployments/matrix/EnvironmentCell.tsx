import {
  Link,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { MatrixCell } from '@shipgate/plugin-deployments-common';
import { RelativeTime } from '../../../components/RelativeTime';

/** The state indicator of a cell: one of the matrix's four states, in words. */
function CellState({ cell }: { cell: MatrixCell }) {
  switch (cell.state) {
    case 'deployed':
      return <StatusOK>Deployed</StatusOK>;
    case 'failed':
      return <StatusError>Failed</StatusError>;
    case 'in_progress':
      // Running is moving; created and blocked wait (to start, or for approval).
      return cell.status === 'running' ? (
        <StatusRunning>In progress</StatusRunning>
      ) : (
        <StatusPending>
          In progress (
          {cell.status === 'blocked' ? 'awaiting approval' : 'queued'})
        </StatusPending>
      );
    default:
      // The latest attempt was canceled: nothing new went out.
      return <StatusAborted>Not deployed ({cell.status})</StatusAborted>;
  }
}

export interface EnvironmentCellProps {
  /** The latest deployment of a product in an environment; absent when there never was one. */
  cell?: MatrixCell;
}

/** One cell of the environment matrix: state, version, when and by whom. */
export function EnvironmentCell({ cell }: EnvironmentCellProps) {
  if (!cell) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not deployed
      </Typography>
    );
  }
  return (
    <Box>
      <CellState cell={cell} />
      <Typography variant="body2" component="div">
        {cell.buildUrl ? (
          <Link
            to={cell.buildUrl}
            target="_blank"
            rel="noopener noreferrer"
            title="Open the build"
          >
            <strong>{cell.version}</strong>
          </Link>
        ) : (
          <strong>{cell.version}</strong>
        )}
      </Typography>
      <Typography variant="caption" color="textSecondary" component="div">
        <RelativeTime value={cell.at} />
        {cell.deployedBy ? ` by ${cell.deployedBy}` : null}
      </Typography>
    </Box>
  );
}
