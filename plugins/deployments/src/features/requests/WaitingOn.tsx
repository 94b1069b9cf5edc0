import Typography from '@material-ui/core/Typography';
import { DeploymentRequestSummary } from '@shipgate/plugin-deployments-common';
import { approvalTypeLabel } from '../../components/ApprovalTypeLabel';

/** `QA, 2 × Security`: the approvals a request still waits for. */
export function waitingOnText(
  waitingOn: DeploymentRequestSummary['waitingOn'],
): string {
  return waitingOn
    .filter(slot => slot.missing > 0)
    .map(slot =>
      slot.missing > 1
        ? `${slot.missing} × ${approvalTypeLabel(slot.approvalType)}`
        : approvalTypeLabel(slot.approvalType),
    )
    .join(', ');
}

/** Who a request waits on, or a dash when it waits on no approval. */
export function WaitingOn({
  waitingOn,
}: {
  waitingOn: DeploymentRequestSummary['waitingOn'];
}) {
  const text = waitingOnText(waitingOn);
  if (!text) {
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        —
      </Typography>
    );
  }
  return (
    <Typography variant="body2" component="span">
      {text}
    </Typography>
  );
}
