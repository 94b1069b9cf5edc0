import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { Environment } from '@shipgate/plugin-deployments-common';

export interface TargetEnvironmentFieldProps {
  value: string;
  environments: Environment[];
  loading: boolean;
  /** Why the environments could not be listed; the field then takes typed text. */
  loadError?: Error;
  /** The field's problem, worded for a person. */
  error?: string;
  disabled?: boolean;
  onChange: (environment: string) => void;
}

/** The environment a request deploys to, chosen from the known ones in their order. */
export function TargetEnvironmentField({
  value,
  environments,
  loading,
  loadError,
  error,
  disabled,
  onChange,
}: TargetEnvironmentFieldProps) {
  // A draft may name an environment the list no longer has; it stays shown and choosable.
  const known = !value || environments.some(env => env.name === value);
  return (
    <TextField
      select={!loadError}
      fullWidth
      required
      label="Target environment"
      value={value}
      disabled={disabled || loading}
      onChange={event => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={
        error ??
        (loadError
          ? `Environments could not be listed (${loadError.message}); type the environment's name.`
          : undefined)
      }
      SelectProps={{
        SelectDisplayProps: { 'aria-label': 'Target environment' },
      }}
    >
      {!known && <MenuItem value={value}>{value}</MenuItem>}
      {environments.map(env => (
        <MenuItem key={env.name} value={env.name}>
          {env.title || env.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
