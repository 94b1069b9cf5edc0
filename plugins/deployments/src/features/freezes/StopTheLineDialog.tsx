import DialogContentText from '@material-ui/core/DialogContentText';
import { useForm } from 'react-hook-form';
import {
  StopTheLineBody,
  stopTheLineBodySchema,
} from '@shipgate/plugin-deployments-common';
import { ActionDialog } from '../../components/ActionDialog';
import { FormTextField } from '../../components/FormTextField';
import { schemaResolver } from '../../components/formErrors';
import { useServerAction } from '../../hooks/useServerAction';

export interface StopTheLineDialogProps {
  onClose: () => void;
  onConfirm: (reason: string) => Promise<void>;
}

/** "Stop the line": freezes every environment at once, until an admin lifts it. */
export function StopTheLineDialog({
  onClose,
  onConfirm,
}: StopTheLineDialogProps) {
  const { control, handleSubmit } = useForm<
    { reason: string },
    unknown,
    StopTheLineBody
  >({
    defaultValues: { reason: '' },
    resolver: schemaResolver(stopTheLineBodySchema, values => values),
  });
  const { run, busy, error } = useServerAction(onConfirm);
  return (
    <ActionDialog
      id="stop-the-line"
      title="Stop the line"
      submitLabel="Freeze every environment"
      errorPrefix="Could not stop the line"
      onSubmit={handleSubmit(body => run(body.reason))}
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <DialogContentText>
        Freezes every environment now: deployment events are refused everywhere
        until the freeze is lifted.
      </DialogContentText>
      <FormTextField
        name="reason"
        control={control}
        id="stop-the-line-reason"
        label="Reason"
        required
        // A dialog moves focus into itself (WAI-ARIA dialog pattern): to the field to type in.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
    </ActionDialog>
  );
}
