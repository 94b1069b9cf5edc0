import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { UserRef } from '../../../components/UserRef';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import {
  ApprovalDecisionValue,
  ApprovalSlot,
  DeploymentRequest,
} from '@shipgate/plugin-deployments-common';
import {
  approvalCountText,
  approvalTypeLabel,
} from '../../../components/ApprovalTypeLabel';
import { DecisionButtons } from '../../../components/DecisionButtons';
import { RelativeTime } from '../../../components/RelativeTime';

function SlotState({ slot }: { slot: ApprovalSlot }) {
  switch (slot.state) {
    case 'approved':
      return <StatusOK>Approved</StatusOK>;
    case 'rejected':
      return <StatusError>Rejected</StatusError>;
    default:
      return <StatusPending>Waiting</StatusPending>;
  }
}

function SlotButtons({
  request,
  slot,
  onDecide,
}: {
  request: DeploymentRequest;
  slot: ApprovalSlot;
  onDecide: (slot: ApprovalSlot, decision: ApprovalDecisionValue) => void;
}) {
  const reason = request.abilities.decide[slot.id];
  const label = approvalTypeLabel(slot.approvalType);
  if (reason === null) {
    return (
      <DecisionButtons
        what={label}
        onDecide={decision => onDecide(slot, decision)}
      />
    );
  }
  // Say why only where deciding is still possible for someone; closed slots need no buttons.
  if (
    typeof reason === 'string' &&
    slot.state === 'open' &&
    request.state === 'in_progress'
  ) {
    // No disabled buttons: the caller sees why this slot is not theirs to decide.
    return (
      <Typography variant="caption" color="textSecondary">
        {reason}
      </Typography>
    );
  }
  return null;
}

/** The approval slots of a request: progress, decisions, and the buttons the caller may use. */
export function ApprovalSlotsCard({
  request,
  onDecide,
}: {
  request: DeploymentRequest;
  onDecide: (slot: ApprovalSlot, decision: ApprovalDecisionValue) => void;
}) {
  return (
    <InfoCard title="Approvals">
      {request.slots.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          This request needs no approvals.
        </Typography>
      )}
      {request.slots.map((slot, index) => {
        const approvals = slot.decisions.filter(
          d => d.decision === 'approve',
        ).length;
        const label = approvalTypeLabel(slot.approvalType);
        return (
          <Box
            key={slot.id}
            component="section"
            aria-label={`${label} approval`}
          >
            {index > 0 && <Divider style={{ margin: '12px 0' }} />}
            <Box
              display="flex"
              alignItems="center"
              justifyContent="space-between"
              flexWrap="wrap"
              style={{ gap: 8 }}
            >
              <Box>
                <Typography variant="subtitle1" component="h3">
                  {label}
                </Typography>
                <Box display="flex" alignItems="center" style={{ gap: 12 }}>
                  <SlotState slot={slot} />
                  <Typography variant="body2" color="textSecondary">
                    {approvalCountText(approvals, slot.requiredCount)}
                  </Typography>
                  {slot.fromRule && (
                    <Typography variant="body2" color="textSecondary">
                      from rule {slot.fromRule.name}
                    </Typography>
                  )}
                </Box>
              </Box>
              <SlotButtons request={request} slot={slot} onDecide={onDecide} />
            </Box>
            {slot.decisions.length > 0 && (
              <Box component="ul" pl={2} mt={1} mb={0}>
                {slot.decisions.map(decision => (
                  <Typography key={decision.id} component="li" variant="body2">
                    <UserRef entityRef={decision.decidedBy} />{' '}
                    {decision.decision === 'approve' ? (
                      <strong>approved</strong>
                    ) : (
                      <strong>rejected</strong>
                    )}{' '}
                    <Typography
                      component="span"
                      variant="caption"
                      color="textSecondary"
                    >
                      <RelativeTime value={decision.createdAt} />
                    </Typography>
                    {decision.comment && (
                      <Typography
                        variant="body2"
                        component="blockquote"
                        style={{
                          margin: '4px 0 4px 8px',
                          whiteSpace: 'pre-wrap',
                        }}
                      >
                        “{decision.comment}”
                      </Typography>
                    )}
                  </Typography>
                ))}
              </Box>
            )}
          </Box>
        );
      })}
    </InfoCard>
  );
}
