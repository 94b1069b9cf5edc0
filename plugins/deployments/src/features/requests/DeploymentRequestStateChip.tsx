import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { DeploymentRequestState } from '@shipgate/plugin-deployments-common';
import { filledBadgeColors } from '../../components/contrastColor';

const STATE_LABELS: Record<DeploymentRequestState, string> = {
  draft: 'Draft',
  in_progress: 'In progress',
  approved: 'Approved',
  rejected: 'Rejected',
  completed: 'Completed',
  canceled: 'Canceled',
};

const STATE_HINTS: Record<DeploymentRequestState, string> = {
  draft: 'Created but not yet submitted',
  in_progress: 'Submitted, waiting on approval slots',
  approved: 'All required approvals obtained, ready to deploy',
  rejected: 'An approval slot was rejected; deployment blocked',
  completed: 'Deployed and post-steps finished',
  canceled: 'Canceled before it was approved',
};

/** The readable name of a deployment request state. */
export function deploymentRequestStateLabel(
  state: DeploymentRequestState,
): string {
  return STATE_LABELS[state] ?? state;
}

/** The theme's state colour, darkened just enough for its 12px label to reach WCAG AA. */
const filled = (background: string, theme: Theme) =>
  filledBadgeColors(background, theme.palette.getContrastText);

const useStyles = makeStyles<Theme>(theme => ({
  draft: filled(theme.palette.grey[300], theme),
  in_progress: filled(theme.palette.info.main, theme),
  approved: filled(theme.palette.success.main, theme),
  rejected: filled(theme.palette.error.main, theme),
  completed: filled(theme.palette.success.dark, theme),
  canceled: {
    color: theme.palette.text.secondary,
    borderColor: theme.palette.grey[500],
  },
}));

/** A deployment request's state as a coloured chip; the seed's meaning is its tooltip. */
export function DeploymentRequestStateChip({
  state,
}: {
  state: DeploymentRequestState;
}) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={deploymentRequestStateLabel(state)}
      title={STATE_HINTS[state]}
      variant={state === 'canceled' ? 'outlined' : 'default'}
      className={classes[state]}
      data-state={state}
    />
  );
}
