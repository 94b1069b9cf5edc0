import { useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';

export interface ProductFilterFieldProps {
  label: string;
  /** The filter in force ('' for none). */
  value: string;
  /** Choices seen so far; any other text may be typed. */
  options: string[];
  onChange: (value: string) => void;
  /** How long typing may pause before the filter applies. */
  debounceMs?: number;
}

/** A free-text filter with suggestions, applied when the user picks one or stops typing. */
export function ProductFilterField({
  label,
  value,
  options,
  onChange,
  debounceMs = 400,
}: ProductFilterFieldProps) {
  const [input, setInput] = useState(value);

  useDebounce(
    () => {
      if (input.trim() !== value) onChange(input.trim());
    },
    debounceMs,
    [input],
  );

  return (
    <Autocomplete
      freeSolo
      options={options}
      inputValue={input}
      onInputChange={(_event, text) => setInput(text)}
      onChange={(_event, picked) => {
        const text = typeof picked === 'string' ? picked.trim() : '';
        setInput(text);
        if (text !== value) onChange(text);
      }}
      style={{ minWidth: 240 }}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          variant="outlined"
          size="small"
          placeholder="Any"
        />
      )}
    />
  );
}
