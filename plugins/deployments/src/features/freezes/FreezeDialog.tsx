import { useState } from 'react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { CreateFreezeBody } from '@shipgate/plugin-deployments-common';
import { ActionDialog } from '../../components/ActionDialog';
import { useServerAction } from '../../hooks/useServerAction';
import { cronInWords } from './freezeText';

/** `2026-12-24T09:00` (a datetime-local input, the viewer's zone) → ISO 8601 UTC. */
function fromLocalInput(value: string): string {
  return value ? new Date(value).toISOString() : value;
}

export interface FreezeDialogProps {
  /** The environment's title, for the dialog's title. */
  environmentTitle: string;
  onClose: () => void;
  /** Saves the freeze; a rejection is shown in the dialog, which keeps its input. */
  onSave: (body: CreateFreezeBody) => Promise<void>;
}

/** Adds a freeze to an environment: a one-off window, or a recurring cron schedule. */
export function FreezeDialog({
  environmentTitle,
  onClose,
  onSave,
}: FreezeDialogProps) {
  const [kind, setKind] = useState<'one-off' | 'recurring'>('one-off');
  const [reason, setReason] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [cron, setCron] = useState('0 18 * * 5');
  const [durationMinutes, setDurationMinutes] = useState('60');
  const [timezone, setTimezone] = useState(
    new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  );
  const { run, busy, error } = useServerAction(onSave);

  return (
    <ActionDialog
      id="freeze-dialog"
      title={`Freeze ${environmentTitle}`}
      submitLabel="Add freeze"
      errorPrefix="Could not add the freeze"
      onSubmit={() =>
        run(
          kind === 'one-off'
            ? { reason, start: fromLocalInput(start), end: fromLocalInput(end) }
            : {
                reason,
                cron,
                durationMinutes: Number(durationMinutes),
                timezone,
              },
        )
      }
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <RadioGroup
        row
        aria-label="Kind of freeze"
        value={kind}
        onChange={e => setKind(e.target.value as 'one-off' | 'recurring')}
      >
        <FormControlLabel
          value="one-off"
          control={<Radio />}
          label="One-off window"
        />
        <FormControlLabel
          value="recurring"
          control={<Radio />}
          label="Recurring"
        />
      </RadioGroup>
      <TextField
        id="freeze-reason"
        label="Reason"
        value={reason}
        onChange={e => setReason(e.target.value)}
        required
        fullWidth
        margin="normal"
      />
      {kind === 'one-off' ? (
        <>
          <TextField
            id="freeze-start"
            label="Start"
            type="datetime-local"
            value={start}
            onChange={e => setStart(e.target.value)}
            InputLabelProps={{ shrink: true }}
            required
            fullWidth
            margin="normal"
          />
          <TextField
            id="freeze-end"
            label="End"
            type="datetime-local"
            value={end}
            onChange={e => setEnd(e.target.value)}
            InputLabelProps={{ shrink: true }}
            required
            fullWidth
            margin="normal"
          />
        </>
      ) : (
        <>
          <TextField
            id="freeze-cron-schedule"
            label="Cron schedule"
            value={cron}
            onChange={e => setCron(e.target.value)}
            helperText={cronInWords(cron)}
            required
            fullWidth
            margin="normal"
          />
          <TextField
            id="freeze-duration-minutes"
            label="Duration (minutes)"
            type="number"
            value={durationMinutes}
            onChange={e => setDurationMinutes(e.target.value)}
            required
            fullWidth
            margin="normal"
          />
          <TextField
            id="freeze-time-zone"
            label="Time zone"
            value={timezone}
            onChange={e => setTimezone(e.target.value)}
            helperText="An IANA time zone, e.g. Europe/Berlin; daylight saving is followed"
            required
            fullWidth
            margin="normal"
          />
        </>
      )}
      <Typography variant="body2" color="textSecondary">
        While the freeze holds, deployment events into this environment are
        refused (423). Requests and approvals still go on.
      </Typography>
    </ActionDialog>
  );
}
