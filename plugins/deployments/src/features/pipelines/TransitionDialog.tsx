import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { Controller, useForm } from 'react-hook-form';
import {
  PipelineTransition,
  pipelineTransitionSchema,
} from '@shipgate/plugin-deployments-common';
import { fieldErrorText, schemaResolver } from '../../components/formErrors';

interface TransitionFormValues {
  from: string;
  to: string;
  requiredApprovals: string;
  soakMinutes: string;
}

export interface TransitionDialogProps {
  /** The transition to edit; without it the dialog adds one between two stages. */
  transition?: PipelineTransition;
  stages: string[];
  onSubmit: (transition: PipelineTransition) => void;
  onClose: () => void;
}

const toBody = (values: TransitionFormValues) => ({
  from: values.from,
  to: values.to,
  // Typed counts are text; an empty field is left for the schema to refuse.
  requiredApprovals:
    values.requiredApprovals === ''
      ? undefined
      : Number(values.requiredApprovals),
  soakMinutes: values.soakMinutes === '' ? 0 : Number(values.soakMinutes),
});

/** Adds a transition, or sets an existing one's required approvals and soak time. */
export function TransitionDialog({
  transition,
  stages,
  onSubmit,
  onClose,
}: TransitionDialogProps) {
  const { control, handleSubmit, formState } = useForm<
    TransitionFormValues,
    unknown,
    PipelineTransition
  >({
    defaultValues: {
      from: transition?.from ?? stages[0] ?? '',
      to: transition?.to ?? stages[1] ?? '',
      requiredApprovals: String(transition?.requiredApprovals ?? 0),
      soakMinutes: String(transition?.soakMinutes ?? 0),
    },
    resolver: schemaResolver(pipelineTransitionSchema, toBody),
  });
  const { errors } = formState;
  const title = transition
    ? `Transition ${transition.from} → ${transition.to}`
    : 'Add a transition';
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="transition-dialog-title"
      fullWidth
      maxWidth="xs"
    >
      <form onSubmit={handleSubmit(onSubmit)} noValidate>
        <DialogTitle id="transition-dialog-title">{title}</DialogTitle>
        <DialogContent>
          {!transition &&
            (['from', 'to'] as const).map(end => (
              <Controller
                key={end}
                name={end}
                control={control}
                render={({ field }) => (
                  <TextField
                    {...field}
                    id={`transition-${end}`}
                    select
                    fullWidth
                    margin="dense"
                    label={end === 'from' ? 'From stage' : 'To stage'}
                    error={!!errors[end]}
                    helperText={fieldErrorText(
                      errors[end],
                      end,
                      end === 'from' ? 'From' : 'To',
                    )}
                  >
                    {stages.map(s => (
                      <MenuItem key={s} value={s}>
                        {s}
                      </MenuItem>
                    ))}
                  </TextField>
                )}
              />
            ))}
          <Controller
            name="requiredApprovals"
            control={control}
            render={({ field }) => (
              <TextField
                {...field}
                fullWidth
                margin="dense"
                type="number"
                id="transition-required-approvals"
                label="Required approvals"
                inputProps={{ min: 0 }}
                error={!!errors.requiredApprovals}
                helperText={
                  fieldErrorText(
                    errors.requiredApprovals,
                    'requiredApprovals',
                    'Required approvals',
                  ) ?? '0 = promoted without approval'
                }
              />
            )}
          />
          <Controller
            name="soakMinutes"
            control={control}
            render={({ field }) => (
              <TextField
                {...field}
                fullWidth
                margin="dense"
                type="number"
                id="transition-soak-minutes"
                label="Soak time (minutes)"
                inputProps={{ min: 0 }}
                error={!!errors.soakMinutes}
                helperText={
                  fieldErrorText(
                    errors.soakMinutes,
                    'soakMinutes',
                    'Soak time',
                  ) ?? 'How long the source must have run a version first'
                }
              />
            )}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" color="primary" variant="contained">
            {transition ? 'Apply' : 'Add transition'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
