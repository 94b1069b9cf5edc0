import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { Deployment } from '@shipgate/plugin-deployments-common';
import { DecisionButtons } from '../../components/DecisionButtons';
import { BlockedReason } from './BlockedReason';

/**
 * Under a blocked deployment's status: "blocked: waiting for 1 from qa", and Approve/Reject
 * for a caller whose approval counts (`canDecide`, from their My Tasks).
 */
export function BlockedDeploymentCell({
  deployment,
  canDecide,
  onDecide,
}: {
  deployment: Deployment;
  canDecide: boolean;
  onDecide: (status: 'approved' | 'rejected') => void;
}) {
  if (deployment.status !== 'blocked') return null;
  return (
    <Box mt={0.5}>
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        style={{ whiteSpace: 'normal', minWidth: 180, maxWidth: 360 }}
      >
        <BlockedReason reason={deployment.blocked_reason} />
      </Typography>
      {canDecide && (
        <DecisionButtons
          what={`deployment #${deployment.id}`}
          onDecide={decision =>
            onDecide(decision === 'approve' ? 'approved' : 'rejected')
          }
        />
      )}
    </Box>
  );
}
