import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import Grid from '@material-ui/core/Grid';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Controller, useForm, useWatch } from 'react-hook-form';
import {
  StepDefinition,
  DeploymentRequestTemplate,
  TemplateBody,
  templateBodySchema,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import {
  ApprovalSlotDraft,
  fromApprovalSlotDrafts,
  toApprovalSlotDrafts,
} from '../../components/ApprovalSlotsEditor';
import { fieldErrorText, schemaResolver } from '../../components/formErrors';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { SlotsAndStepsFields } from '../../components/SlotsAndStepsFields';

export interface TemplateFormProps {
  /** The template to edit; without it the form creates one. */
  template?: DeploymentRequestTemplate;
  onSaved: (template: DeploymentRequestTemplate) => void;
  onCancel: () => void;
}

/** The template as it is being edited: slot counts are the text in their fields. */
interface TemplateFormValues {
  name: string;
  description: string;
  environments: string[];
  slots: ApprovalSlotDraft[];
  preSteps: StepDefinition[];
  postSteps: StepDefinition[];
}

/** The form is checked with the schema the server checks the body with. */
const templateResolver = schemaResolver<TemplateFormValues, TemplateBody>(
  templateBodySchema,
  values => ({ ...values, slots: fromApprovalSlotDrafts(values.slots) }),
);

/** The longest name the shared schema takes, for the field's own limit. */
const MAX_NAME_LENGTH =
  templateBodySchema.innerType().shape.name.maxLength ?? undefined;

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

  const { control, handleSubmit, formState } = useForm<
    TemplateFormValues,
    unknown,
    TemplateBody
  >({
    resolver: templateResolver,
    defaultValues: {
      name: template?.name ?? '',
      description: template?.description ?? '',
      environments: template?.environments ?? [],
      slots: toApprovalSlotDrafts(template?.slots ?? []),
      preSteps: template?.preSteps ?? [],
      postSteps: template?.postSteps ?? [],
    },
  });
  const selectedEnvironments = useWatch({ control, name: 'environments' });
  const [serverError, setServerError] = useState<unknown>();
  const saving = formState.isSubmitting;
  const attempted = formState.isSubmitted;
  const invalid = Object.keys(formState.errors).length > 0;

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

  const save = handleSubmit(async body => {
    setServerError(undefined);
    try {
      const saved = template
        ? await api.updateTemplate(template.id, body)
        : await api.createTemplate(body);
      onSaved(saved);
    } catch (error) {
      setServerError(error);
    }
  });

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
        <Controller
          control={control}
          name="name"
          render={({ field, fieldState }) => {
            const error = fieldErrorText(fieldState.error, 'name', 'Name');
            return (
              <TextField
                fullWidth
                required
                margin="normal"
                id="template-form-name"
                label="Name"
                value={field.value}
                inputRef={field.ref}
                onBlur={field.onBlur}
                disabled={saving}
                inputProps={{ maxLength: MAX_NAME_LENGTH }}
                onChange={event => field.onChange(event.target.value)}
                error={Boolean(error)}
                helperText={error}
              />
            );
          }}
        />
        <Controller
          control={control}
          name="description"
          render={({ field, fieldState }) => (
            <TextField
              fullWidth
              multiline
              minRows={2}
              margin="normal"
              id="template-form-description"
              label="Description"
              helperText={
                fieldErrorText(
                  fieldState.error,
                  'description',
                  'Description',
                ) ?? "Fills a new request's description when it has none."
              }
              error={Boolean(fieldState.error)}
              value={field.value}
              inputRef={field.ref}
              onBlur={field.onBlur}
              disabled={saving}
              onChange={event => field.onChange(event.target.value)}
            />
          )}
        />
        <Controller
          control={control}
          name="environments"
          render={({ field, fieldState }) => (
            <TextField
              select
              fullWidth
              margin="normal"
              label="Environments"
              value={field.value}
              disabled={saving || environments.loading}
              onChange={event =>
                field.onChange(event.target.value as unknown as string[])
              }
              error={Boolean(fieldState.error)}
              helperText={
                fieldErrorText(
                  fieldState.error,
                  'environments',
                  'Environments',
                ) ??
                (environments.error
                  ? `Environments could not be listed: ${environments.error.message}`
                  : 'Where the template is offered. None selected: every environment.')
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
                  <Checkbox checked={field.value.includes(env)} size="small" />
                  <ListItemText primary={titleOf(env)} />
                </MenuItem>
              ))}
            </TextField>
          )}
        />

        <Box mt={3}>
          <Grid container spacing={2}>
            <SlotsAndStepsFields
              control={control}
              showErrors={attempted}
              disabled={saving}
              stepsSideBySide={false}
            />
          </Grid>
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
          onClick={() => save()}
          disabled={saving}
        >
          {template ? 'Save template' : 'Create template'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
