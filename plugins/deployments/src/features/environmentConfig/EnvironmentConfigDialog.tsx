import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { z } from 'zod';
import {
  EnvironmentConfig,
  MAX_VARIABLES,
  environmentConfigBodySchema,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { schemaResolver } from '../../components/formErrors';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';

interface ConfigFormValues {
  version: string;
  variables: Array<{ key: string; value: string }>;
}
type ConfigBody = z.output<typeof environmentConfigBodySchema>;

/** The form's rows as the API's body; a repeated key is left to the check below. */
const toBody = (values: ConfigFormValues) => ({
  version: values.version.trim() === '' ? null : values.version,
  variables: Object.fromEntries(
    values.variables
      .filter(v => v.key !== '' || v.value !== '')
      .map(v => [v.key, v.value]),
  ),
});

export interface EnvironmentConfigDialogProps {
  product: string;
  config: EnvironmentConfig;
  onSaved: (config: EnvironmentConfig) => void;
  onClose: () => void;
}

/** Edits one environment's version and variables (key → value rows). */
export function EnvironmentConfigDialog(props: EnvironmentConfigDialogProps) {
  const { product, config, onSaved, onClose } = props;
  const api = useApi(deploymentsApiRef);
  const [saveError, setSaveError] = useState<unknown>();
  const [duplicate, setDuplicate] = useState<string>();
  const { control, handleSubmit, formState, getValues } = useForm<
    ConfigFormValues,
    unknown,
    ConfigBody
  >({
    defaultValues: {
      version: config.version ?? '',
      variables: Object.entries(config.variables).map(([key, value]) => ({
        key,
        value,
      })),
    },
    resolver: schemaResolver(environmentConfigBodySchema, toBody),
  });
  const rows = useFieldArray({ control, name: 'variables' });
  const { errors } = formState;
  const variableErrors = (errors as any).variables as
    | Record<string, { message?: string }>
    | undefined;

  const submit = handleSubmit(async body => {
    // An object cannot hold a key twice: say so rather than keep the last row silently.
    const keys = getValues('variables').map(v => v.key);
    const repeated = keys.find((k, i) => k && keys.indexOf(k) !== i);
    if (repeated) {
      setDuplicate(`${repeated} is listed twice`);
      return;
    }
    setDuplicate(undefined);
    try {
      onSaved(
        await api.saveEnvironmentConfig(product, config.environment, body),
      );
    } catch (error) {
      setSaveError(error);
    }
  });

  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="config-dialog-title"
      fullWidth
      maxWidth="md"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="config-dialog-title">
          Configuration of {config.environment}
        </DialogTitle>
        <DialogContent>
          {saveError !== undefined && (
            <ServerErrorAlert
              error={saveError}
              prefix="Could not save the configuration"
            />
          )}
          {/* A System has no version of its own: its components' are its workloads. */}
          {!config.workloads && (
            <Controller
              name="version"
              control={control}
              render={({ field }) => (
                <TextField
                  {...field}
                  id="config-version"
                  label="Version live there"
                  margin="dense"
                  error={!!errors.version}
                  helperText={errors.version?.message}
                />
              )}
            />
          )}
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            Variables ({rows.fields.length} of at most {MAX_VARIABLES})
          </Typography>
          {rows.fields.map((row, index) => (
            <Box
              key={row.id}
              display="flex"
              alignItems="flex-start"
              style={{ gap: 8 }}
            >
              <Controller
                name={`variables.${index}.key`}
                control={control}
                render={({ field }) => (
                  <TextField
                    {...field}
                    id={`variable-key-${index}`}
                    label={`Name ${index + 1}`}
                    margin="dense"
                  />
                )}
              />
              <Controller
                name={`variables.${index}.value`}
                control={control}
                render={({ field }) => {
                  // The schema reports a value's problem under its key.
                  const key = getValues(`variables.${index}.key`);
                  const message = key
                    ? variableErrors?.[key]?.message
                    : undefined;
                  return (
                    <TextField
                      {...field}
                      id={`variable-value-${index}`}
                      label={`Value ${index + 1}`}
                      margin="dense"
                      fullWidth
                      error={!!message}
                      helperText={message}
                    />
                  );
                }}
              />
              <IconButton
                aria-label={`Remove variable ${index + 1}`}
                onClick={() => rows.remove(index)}
              >
                <DeleteIcon />
              </IconButton>
            </Box>
          ))}
          {(variableErrors as any)?.message && (
            <Typography color="error" role="alert">
              {(variableErrors as any).message}
            </Typography>
          )}
          {duplicate && (
            <Typography color="error" role="alert">
              {duplicate}
            </Typography>
          )}
          <Button
            onClick={() => rows.append({ key: '', value: '' })}
            disabled={rows.fields.length >= MAX_VARIABLES}
          >
            Add variable
          </Button>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={formState.isSubmitting}
          >
            Save configuration
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
