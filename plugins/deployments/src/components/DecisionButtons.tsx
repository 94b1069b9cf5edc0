import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { ApprovalDecisionValue } from '@shipgate/plugin-deployments-common';

/**
 * Approve and Reject for one slot the caller may decide; `what` completes their accessible
 * names ("Approve QA", "Approve QA for DR #12").
 */
export function DecisionButtons({
  what,
  onDecide,
  ml,
}: {
  what: string;
  onDecide: (decision: ApprovalDecisionValue) => void;
  /** Space on the left, beside a list item's text. */
  ml?: number;
}) {
  return (
    <Box display="flex" flexShrink={0} ml={ml} style={{ gap: 8 }}>
      <Button
        variant="contained"
        color="primary"
        size="small"
        aria-label={`Approve ${what}`}
        onClick={() => onDecide('approve')}
      >
        Approve
      </Button>
      <Button
        variant="outlined"
        size="small"
        aria-label={`Reject ${what}`}
        onClick={() => onDecide('reject')}
      >
        Reject
      </Button>
    </Box>
  );
}
