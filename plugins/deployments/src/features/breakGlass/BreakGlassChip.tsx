import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import WarningIcon from '@material-ui/icons/Warning';
import { Link } from '@backstage/core-components';
import { BREAK_GLASS_REPORT_PATH } from '../../routes';

/** Flags a deployment recorded under a break-glass session, linking to the report. */
export function BreakGlassChip({ sessionId }: { sessionId: number }) {
  return (
    <Tooltip
      title={`Recorded through a freeze under break-glass session ${sessionId}`}
    >
      <Link to={BREAK_GLASS_REPORT_PATH} underline="none">
        <Chip
          size="small"
          variant="outlined"
          icon={<WarningIcon />}
          label="Break glass"
          data-testid={`break-glass-${sessionId}`}
        />
      </Link>
    </Tooltip>
  );
}
