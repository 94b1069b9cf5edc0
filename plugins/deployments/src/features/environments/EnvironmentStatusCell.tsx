import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import AcUnitIcon from '@material-ui/icons/AcUnit';
import { EnvironmentOverview } from '@shipgate/plugin-deployments-common';
import { formatMoment, untilText } from '../freezes/freezeText';

export interface EnvironmentStatusCellProps {
  environment: EnvironmentOverview;
  /** Offered to people who may break glass, while no session is open. */
  onBreakGlass?: () => void;
  /** Offered to people who may break glass, while a session is open: closes that session. */
  onCloseBreakGlass?: (sessionId: number) => void;
}

/**
 * Whether deployments go in now: frozen (until when; why on hover) or open, and the
 * break-glass session that lets them through a freeze, with the actions on it.
 */
export function EnvironmentStatusCell({
  environment,
  onBreakGlass,
  onCloseBreakGlass,
}: EnvironmentStatusCellProps) {
  const { name, frozen, frozenBy, breakGlass: session } = environment;
  return (
    <Box
      display="flex"
      flexDirection="column"
      alignItems="flex-start"
      style={{ gap: 4 }}
    >
      {frozen && frozenBy ? (
        <Tooltip title={frozenBy.reason}>
          <Chip
            size="small"
            variant="outlined"
            icon={<AcUnitIcon />}
            label={`Frozen ${untilText(frozenBy.until)}`}
          />
        </Tooltip>
      ) : (
        <Chip size="small" label="Open" />
      )}
      {session && (
        <Box display="flex" alignItems="center" style={{ gap: 4 }}>
          <Tooltip title={session.reason}>
            <Chip
              size="small"
              variant="outlined"
              label={`Break glass open until ${formatMoment(
                session.expiresAt,
              )} (${session.openedBy})`}
            />
          </Tooltip>
          {onCloseBreakGlass && (
            <Button
              size="small"
              aria-label={`Close break glass ${name}`}
              onClick={() => onCloseBreakGlass(session.id)}
            >
              Close
            </Button>
          )}
        </Box>
      )}
      {!session && onBreakGlass && (
        <Button
          size="small"
          variant="outlined"
          aria-label={`Break glass ${name}`}
          onClick={onBreakGlass}
          style={{ whiteSpace: 'nowrap' }}
        >
          Break glass
        </Button>
      )}
    </Box>
  );
}
