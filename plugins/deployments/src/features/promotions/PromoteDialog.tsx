import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import {
  PipelineTransition,
  Promotion,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { PreviewDiff } from './PreviewDiff';

const promoteSchema = z.object({
  target: z.string().min(1, 'Choose a target'),
  notes: z.string().max(5_000, 'notes may have at most 5000 characters'),
});
type PromoteValues = z.infer<typeof promoteSchema>;

export interface PromoteDialogProps {
  product: string;
  source: string;
  /** The transitions that leave the source. */
  transitions: PipelineTransition[];
  onDone: (promotion: Promotion) => void;
  onClose: () => void;
}

/** Promote from one stage: pick a target among its transitions, read the preview, request. */
export function PromoteDialog(props: PromoteDialogProps) {
  const { product, source, transitions, onDone, onClose } = props;
  const api = useApi(deploymentsApiRef);
  const [error, setError] = useState<unknown>();
  const { control, handleSubmit, formState } = useForm<PromoteValues>({
    defaultValues: { target: transitions[0]?.to ?? '', notes: '' },
    resolver: zodResolver(promoteSchema as any),
  });
  const target = useWatch({ control, name: 'target' });
  const preview = useAsync(
    async () =>
      target ? api.previewPromotion(product, { source, target }) : undefined,
    [api, product, source, target],
  );

  const submit = handleSubmit(async values => {
    setError(undefined);
    try {
      onDone(
        await api.requestPromotion(product, {
          source,
          target: values.target,
          ...(values.notes.trim() ? { notes: values.notes } : {}),
        }),
      );
    } catch (e) {
      setError(e);
    }
  });

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="promote-title"
      fullWidth
      maxWidth="md"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="promote-title">Promote from {source}</DialogTitle>
        <DialogContent>
          {error !== undefined && (
            <ServerErrorAlert
              error={error}
              prefix="Could not request the promotion"
            />
          )}
          <Controller
            name="target"
            control={control}
            render={({ field }) => (
              <TextField
                {...field}
                id="promote-target"
                select
                label="Target stage"
                margin="dense"
                fullWidth
                error={!!formState.errors.target}
                helperText={formState.errors.target?.message}
              >
                {transitions.map(t => (
                  <MenuItem key={t.to} value={t.to}>
                    {t.to} (
                    {t.requiredApprovals === 0
                      ? 'auto'
                      : `${t.requiredApprovals} approvals`}
                    )
                  </MenuItem>
                ))}
              </TextField>
            )}
          />
          {preview.loading && <Progress />}
          {preview.error && (
            <ServerErrorAlert error={preview.error} prefix="No preview" />
          )}
          {preview.value && <PreviewDiff preview={preview.value} />}
          <Controller
            name="notes"
            control={control}
            render={({ field }) => (
              <TextField
                {...field}
                id="promote-notes"
                label="Notes for the approvers"
                margin="dense"
                fullWidth
                multiline
                minRows={2}
                error={!!formState.errors.notes}
                helperText={formState.errors.notes?.message}
              />
            )}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={
              formState.isSubmitting ||
              !preview.value ||
              !preview.value.soak.satisfied
            }
          >
            Request promotion
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
