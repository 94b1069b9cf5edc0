import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';

/** Loads a card's data again (live updates come through signals; this is for the impatient). */
export function RefreshButton({ onClick }: { onClick: () => void }) {
  return (
    <Tooltip title="Refresh">
      <IconButton aria-label="Refresh" onClick={onClick}>
        <RefreshIcon />
      </IconButton>
    </Tooltip>
  );
}
