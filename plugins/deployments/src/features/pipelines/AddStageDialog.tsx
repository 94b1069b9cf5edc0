import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { Environment } from '@shipgate/plugin-deployments-common';

const addStageSchema = z.object({
  environment: z.string().min(1, 'Choose an environment'),
});
type AddStageValues = z.infer<typeof addStageSchema>;

export interface AddStageDialogProps {
  /** Configured environments that are not stages yet. */
  available: Environment[];
  onAdd: (environment: string) => void;
  onClose: () => void;
}

/** Adds a stage: only configured environments, each once. */
export function AddStageDialog({
  available,
  onAdd,
  onClose,
}: AddStageDialogProps) {
  const { control, handleSubmit, formState } = useForm<AddStageValues>({
    defaultValues: { environment: available[0]?.name ?? '' },
    resolver: zodResolver(addStageSchema as any),
  });
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="add-stage-title"
      fullWidth
      maxWidth="xs"
    >
      <form
        onSubmit={handleSubmit(values => onAdd(values.environment))}
        noValidate
      >
        <DialogTitle id="add-stage-title">Add a stage</DialogTitle>
        <DialogContent>
          <Controller
            name="environment"
            control={control}
            render={({ field }) => (
              <TextField
                {...field}
                id="add-stage-environment"
                select
                fullWidth
                margin="dense"
                label="Environment"
                error={!!formState.errors.environment}
                helperText={
                  formState.errors.environment?.message ??
                  (available.length
                    ? undefined
                    : 'Every configured environment is a stage already')
                }
              >
                {available.map(e => (
                  <MenuItem key={e.name} value={e.name}>
                    {e.title} ({e.tier})
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!available.length}
          >
            Add stage
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
