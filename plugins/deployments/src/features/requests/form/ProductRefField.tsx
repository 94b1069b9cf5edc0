import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';

/** A catalog Component offered as a product. */
export interface ProductOption {
  /** Full entity ref, e.g. `component:default/payment-api`. */
  ref: string;
  name: string;
  title: string;
}

export interface ProductRefFieldProps {
  /** Id of the input, which its label points at. */
  id: string;
  label: string;
  value: string;
  options: ProductOption[];
  loading?: boolean;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
}

/**
 * A product as free text (an entity ref or a short name the server resolves) with suggestions
 * from the catalog; picking one stores its full entity ref.
 */
export function ProductRefField({
  id,
  label,
  value,
  options,
  loading,
  onChange,
  error,
  disabled,
}: ProductRefFieldProps) {
  const byRef = new Map(options.map(option => [option.ref, option]));
  return (
    <Autocomplete<string, false, false, true>
      freeSolo
      id={id}
      options={options.map(option => option.ref)}
      loading={loading}
      disabled={disabled}
      // Controlled both ways, so a row that moves up after a removal shows its own product.
      value={value}
      inputValue={value}
      onInputChange={(_event, text, reason) => {
        // MUI resets the input on blur when nothing was picked; keep what was typed.
        if (reason !== 'reset' || text) onChange(text);
      }}
      onChange={(_event, picked) =>
        onChange(typeof picked === 'string' ? picked : '')
      }
      filterOptions={(refs, state) => {
        const needle = state.inputValue.trim().toLocaleLowerCase('en-US');
        if (!needle) return refs;
        return refs.filter(ref => {
          const option = byRef.get(ref);
          return [ref, option?.title ?? '', option?.name ?? ''].some(text =>
            text.toLocaleLowerCase('en-US').includes(needle),
          );
        });
      }}
      renderOption={ref => {
        const option = byRef.get(ref);
        return (
          <div>
            <Typography variant="body2">{option?.title ?? ref}</Typography>
            <Typography variant="caption" color="textSecondary">
              {ref}
            </Typography>
          </div>
        );
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          placeholder="component:default/payment-api"
          error={Boolean(error)}
          helperText={error}
          required
        />
      )}
    />
  );
}
