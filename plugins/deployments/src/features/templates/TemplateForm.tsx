import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  DeploymentRequestTemplate,
  TemplateBody,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import {
  ApprovalSlotDraft,
  ApprovalSlotsEditor,
  fromApprovalSlotDrafts,
  hasApprovalSlotErrors,
  toApprovalSlotDrafts,
} from '../../components/ApprovalSlotsEditor';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { hasStepErrors, StepListEditor } from '../../components/StepListEditor';

export interface TemplateFormProps {
  /** The template to edit; without it the form creates one. */
  template?: DeploymentRequestTemplate;
  onSaved: (template: DeploymentRequestTemplate) => void;
  onCancel: () => void;
}

const MAX_NAME_LENGTH = 200;

/**
 * A deployment request template in a dialog: name, description, the environments it applies
 * to (none = every one), default approval slots and pre/post steps.
 */
export function TemplateForm({
  template,
  onSaved,
  onCancel,
}: TemplateFormProps) {
  const api = useApi(deploymentsApiRef);
  const environments = useAsync(
    async () =>
      [...(await api.listEnvironments())].sort((a, b) => a.order - b.order),
    [api],
  );

  const [name, setName] = useState(template?.name ?? '');
  const [description, setDescription] = useState(template?.description ?? '');
  const [selectedEnvironments, setSelectedEnvironments] = useState<string[]>(
    template?.environments ?? [],
  );
  const [approvalSlots, setApprovalSlots] = useState<ApprovalSlotDraft[]>(
    toApprovalSlotDrafts(template?.approvalSlots ?? []),
  );
  const [preSteps, setPreSteps] = useState<string[]>(template?.preSteps ?? []);
  const [postSteps, setPostSteps] = useState<string[]>(
    template?.postSteps ?? [],
  );
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<unknown>();

  let nameError: string | undefined;
  if (!name.trim()) nameError = 'Name is required';
  else if (name.trim().length > MAX_NAME_LENGTH)
    nameError = `Name may have at most ${MAX_NAME_LENGTH} characters`;
  const invalid =
    Boolean(nameError) ||
    hasApprovalSlotErrors(approvalSlots) ||
    hasStepErrors(preSteps) ||
    hasStepErrors(postSteps);

  const titleOf = (environment: string) =>
    environments.value?.find(env => env.name === environment)?.title ||
    environment;
  // Names the template has that the environment list no longer does stay choosable.
  const environmentNames = [
    ...(environments.value ?? []).map(env => env.name),
    ...selectedEnvironments.filter(
      env => !(environments.value ?? []).some(known => known.name === env),
    ),
  ];

  const save = async () => {
    setAttempted(true);
    if (invalid) return;
    const body: TemplateBody = {
      name: name.trim(),
      description,
      environments: selectedEnvironments,
      approvalSlots: fromApprovalSlotDrafts(approvalSlots),
      preSteps: preSteps.map(step => step.trim()),
      postSteps: postSteps.map(step => step.trim()),
    };
    setSaving(true);
    setServerError(undefined);
    try {
      const saved = template
        ? await api.updateTemplate(template.id, body)
        : await api.createTemplate(body);
      setSaving(false);
      onSaved(saved);
    } catch (error) {
      setServerError(error);
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={saving ? undefined : onCancel}
      fullWidth
      maxWidth="md"
      aria-labelledby="template-form-title"
    >
      <DialogTitle id="template-form-title">
        {template ? `Edit template "${template.name}"` : 'New template'}
      </DialogTitle>
      <DialogContent>
        {Boolean(serverError) && (
          <Box mb={2}>
            <ServerErrorAlert
              error={serverError}
              prefix="Could not save the template"
              onClose={() => setServerError(undefined)}
            />
          </Box>
        )}
        <TextField
          fullWidth
          required
          margin="normal"
          id="template-form-name"
          label="Name"
          value={name}
          disabled={saving}
          inputProps={{ maxLength: MAX_NAME_LENGTH }}
          onChange={event => setName(event.target.value)}
          error={attempted && Boolean(nameError)}
          helperText={attempted ? nameError : undefined}
        />
        <TextField
          fullWidth
          multiline
          minRows={2}
          margin="normal"
          id="template-form-description"
          label="Description"
          helperText="Fills a new request's description when it has none."
          value={description}
          disabled={saving}
          onChange={event => setDescription(event.target.value)}
        />
        <TextField
          select
          fullWidth
          margin="normal"
          label="Environments"
          value={selectedEnvironments}
          disabled={saving || environments.loading}
          onChange={event =>
            setSelectedEnvironments(event.target.value as unknown as string[])
          }
          helperText={
            environments.error
              ? `Environments could not be listed: ${environments.error.message}`
              : 'Where the template is offered. None selected: every environment.'
          }
          SelectProps={{
            multiple: true,
            displayEmpty: true,
            renderValue: value =>
              (value as string[]).length
                ? (value as string[]).map(titleOf).join(', ')
                : 'All environments',
            SelectDisplayProps: { 'aria-label': 'Environments' },
          }}
          InputLabelProps={{ shrink: true }}
        >
          {environmentNames.map(env => (
            <MenuItem key={env} value={env}>
              <Checkbox
                checked={selectedEnvironments.includes(env)}
                size="small"
              />
              <ListItemText primary={titleOf(env)} />
            </MenuItem>
          ))}
        </TextField>

        <Box mt={3}>
          <Typography variant="h6">Approval slots</Typography>
          <ApprovalSlotsEditor
            value={approvalSlots}
            onChange={setApprovalSlots}
            disabled={saving}
          />
        </Box>
        <Box mt={3}>
          <Typography variant="h6">Pre-deployment steps</Typography>
          <StepListEditor
            itemLabel="Pre-deployment step"
            value={preSteps}
            onChange={setPreSteps}
            showErrors={attempted}
            disabled={saving}
            emptyText="None."
          />
        </Box>
        <Box mt={3}>
          <Typography variant="h6">Post-deployment steps</Typography>
          <StepListEditor
            itemLabel="Post-deployment step"
            value={postSteps}
            onChange={setPostSteps}
            showErrors={attempted}
            disabled={saving}
            emptyText="None."
          />
        </Box>
      </DialogContent>
      <DialogActions>
        {attempted && invalid && (
          <Typography variant="body2" color="error" role="status">
            Fix the marked fields before saving.
          </Typography>
        )}
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color="primary"
          onClick={save}
          disabled={saving}
        >
          {template ? 'Save template' : 'Create template'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
