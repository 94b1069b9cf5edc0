import DialogContentText from '@material-ui/core/DialogContentText';
import { useForm } from 'react-hook-form';
import {
  OpenBreakGlassBody,
  openBreakGlassBodySchema,
} from '@shipgate/plugin-deployments-common';
import { ActionDialog } from '../../components/ActionDialog';
import { FormTextField } from '../../components/FormTextField';
import { schemaResolver, typedNumber } from '../../components/formErrors';
import { useServerAction } from '../../hooks/useServerAction';

interface BreakGlassFormValues {
  reason: string;
  minutes: string;
}

const toBody = (values: BreakGlassFormValues) => ({
  reason: values.reason,
  minutes: typedNumber(values.minutes),
});

export interface BreakGlassDialogProps {
  environmentTitle: string;
  onClose: () => void;
  /** Opens the session; a rejection is shown in the dialog, which keeps its input. */
  onConfirm: (body: OpenBreakGlassBody) => Promise<void>;
}

/** Breaks glass: for some minutes, the environment's freeze lets deployments through. */
export function BreakGlassDialog({
  environmentTitle,
  onClose,
  onConfirm,
}: BreakGlassDialogProps) {
  const { control, handleSubmit } = useForm<
    BreakGlassFormValues,
    unknown,
    OpenBreakGlassBody
  >({
    defaultValues: { reason: '', minutes: '30' },
    resolver: schemaResolver(openBreakGlassBodySchema, toBody),
  });
  const { run, busy, error } = useServerAction(onConfirm);
  return (
    <ActionDialog
      id="break-glass"
      title={`Break glass: ${environmentTitle}`}
      submitLabel="Break glass"
      errorPrefix="Could not break glass"
      onSubmit={handleSubmit(body => run(body))}
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <DialogContentText>
        While the session is open, this environment&apos;s freeze does not
        refuse deployments (other rules still apply). Every deployment recorded
        meanwhile is flagged, admins are notified, and the session is listed in
        the break-glass report.
      </DialogContentText>
      <FormTextField
        name="reason"
        control={control}
        id="break-glass-reason"
        label="Reason"
        required
        // A dialog moves focus into itself (WAI-ARIA dialog pattern): to the field to type in.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
      <FormTextField
        name="minutes"
        control={control}
        id="break-glass-minutes"
        label="Minutes"
        type="number"
        inputProps={{ min: 1, max: 24 * 60 }}
        required
      />
    </ActionDialog>
  );
}
