import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { Controller, useForm, useWatch } from 'react-hook-form';
import {
  CreateFreezeBody,
  createFreezeBodySchema,
} from '@shipgate/plugin-deployments-common';
import { ActionDialog } from '../../components/ActionDialog';
import { FormTextField } from '../../components/FormTextField';
import { schemaResolver, typedNumber } from '../../components/formErrors';
import { useServerAction } from '../../hooks/useServerAction';
import { cronInWords } from './freezeText';

interface FreezeFormValues {
  kind: 'one-off' | 'recurring';
  reason: string;
  /** `2026-12-24T09:00`: a datetime-local input, in the viewer's zone. */
  start: string;
  end: string;
  cron: string;
  durationMinutes: string;
  timezone: string;
}

/** A datetime-local value → ISO 8601 UTC; an empty one is left out for the schema to ask for. */
function fromLocalInput(value: string): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}

/** The body of the kind picked: the other kind's fields are not sent. */
const toBody = (values: FreezeFormValues) =>
  values.kind === 'one-off'
    ? {
        reason: values.reason,
        start: fromLocalInput(values.start),
        end: fromLocalInput(values.end),
      }
    : {
        reason: values.reason,
        cron: values.cron,
        durationMinutes: typedNumber(values.durationMinutes),
        timezone: values.timezone,
      };

export interface FreezeDialogProps {
  /** The environment's title, for the dialog's title. */
  environmentTitle: string;
  onClose: () => void;
  /** Saves the freeze; a rejection is shown in the dialog, which keeps its input. */
  onSave: (body: CreateFreezeBody) => Promise<void>;
}

/**
 * Adds a freeze to an environment: a one-off window, or a recurring cron schedule. The API's
 * schema checks the input first (a reason, end after start, a duration over 0, a known time
 * zone); the cron expression itself is the server's to check.
 */
export function FreezeDialog({
  environmentTitle,
  onClose,
  onSave,
}: FreezeDialogProps) {
  const { control, handleSubmit } = useForm<
    FreezeFormValues,
    unknown,
    CreateFreezeBody
  >({
    defaultValues: {
      kind: 'one-off',
      reason: '',
      start: '',
      end: '',
      cron: '0 18 * * 5',
      durationMinutes: '60',
      timezone: new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    },
    resolver: schemaResolver(createFreezeBodySchema, toBody),
  });
  const [kind, cron] = useWatch({ control, name: ['kind', 'cron'] });
  const { run, busy, error } = useServerAction(onSave);

  return (
    <ActionDialog
      id="freeze-dialog"
      title={`Freeze ${environmentTitle}`}
      submitLabel="Add freeze"
      errorPrefix="Could not add the freeze"
      onSubmit={handleSubmit(body => run(body))}
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <Controller
        name="kind"
        control={control}
        render={({ field: f }) => (
          <RadioGroup {...f} row aria-label="Kind of freeze">
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
        )}
      />
      <FormTextField
        name="reason"
        control={control}
        id="freeze-reason"
        label="Reason"
        required
      />
      {kind === 'one-off' ? (
        <>
          <FormTextField
            name="start"
            control={control}
            id="freeze-start"
            label="Start"
            type="datetime-local"
            InputLabelProps={{ shrink: true }}
            required
          />
          <FormTextField
            name="end"
            control={control}
            id="freeze-end"
            label="End"
            type="datetime-local"
            InputLabelProps={{ shrink: true }}
            required
          />
        </>
      ) : (
        <>
          <FormTextField
            name="cron"
            control={control}
            id="freeze-cron-schedule"
            label="Cron schedule"
            hint={cronInWords(cron)}
            required
          />
          <FormTextField
            name="durationMinutes"
            control={control}
            id="freeze-duration-minutes"
            label="Duration (minutes)"
            type="number"
            inputProps={{ min: 1 }}
            required
          />
          <FormTextField
            name="timezone"
            control={control}
            id="freeze-time-zone"
            label="Time zone"
            hint="An IANA time zone, e.g. Europe/Berlin; daylight saving is followed"
            required
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
