import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { EnvironmentFreeze } from '@shipgate/plugin-deployments-common';
import { freezeScheduleText, formatMoment, untilText } from './freezeText';

/** Whether a freeze holds now, when it starts next, or that it is over. */
function freezeStateText(freeze: EnvironmentFreeze): string {
  if (freeze.active) return `Active ${untilText(freeze.activeUntil)}`;
  if (freeze.nextStart) return `Next: ${formatMoment(freeze.nextStart)}`;
  return 'Over';
}

/** One freeze: its reason, schedule in words, and whether it holds now or starts next. */
export function FreezeLine({
  freeze,
  onLift,
}: {
  freeze: EnvironmentFreeze;
  onLift?: () => void;
}) {
  return (
    <Box display="flex" alignItems="center" style={{ gap: 8 }}>
      <Box flex={1}>
        <Typography variant="body2">
          <strong>{freeze.reason}</strong> — {freezeScheduleText(freeze)}
        </Typography>
        <Typography variant="caption" color="textSecondary">
          {freezeStateText(freeze)}
        </Typography>
      </Box>
      {onLift && (
        <Tooltip title="Lift this freeze">
          <IconButton
            size="small"
            aria-label={`Lift freeze ${freeze.reason}`}
            onClick={onLift}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      )}
    </Box>
  );
}
