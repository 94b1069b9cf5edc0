import TextField from '@material-ui/core/TextField';

export interface FilterSelectProps<T extends string> {
  id: string;
  label: string;
  /** The first option, which clears the filter: "All environments". */
  allLabel: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  value?: T;
  onChange: (value: T | undefined) => void;
  minWidth?: number;
  disabled?: boolean;
  helperText?: string;
}

/** A compact native select above a list: one filter, or none with its "All …" option. */
export function FilterSelect<T extends string>({
  id,
  label,
  allLabel,
  options,
  value,
  onChange,
  minWidth = 160,
  disabled,
  helperText,
}: FilterSelectProps<T>) {
  return (
    <TextField
      select
      id={id}
      label={label}
      variant="outlined"
      size="small"
      style={{ minWidth }}
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
      disabled={disabled}
      helperText={helperText}
      value={value ?? ''}
      onChange={event =>
        onChange((event.target.value || undefined) as T | undefined)
      }
    >
      <option value="">{allLabel}</option>
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

/** Environments as filter options, by their titles. */
export function environmentOptions(
  environments?: Array<{ name: string; title: string }>,
) {
  return (environments ?? []).map(environment => ({
    value: environment.name,
    label: environment.title || environment.name,
  }));
}
