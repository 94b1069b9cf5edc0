import { ReactNode } from 'react';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import { Control, Controller, FieldPath, FieldValues } from 'react-hook-form';
import { fieldErrorText } from './formErrors';

export type FormTextFieldProps<T extends FieldValues> = Omit<
  TextFieldProps,
  'name' | 'label' | 'error' | 'helperText'
> & {
  name: FieldPath<T>;
  control: Control<T, any, any>;
  label: string;
  /** Shown under the field while it has no error. */
  hint?: ReactNode;
};

/**
 * A text field of a react-hook-form form: its value, and the schema's message for it under it
 * in the field's own label ("Order must be a number"), else its hint. Full width, as the
 * dialogs lay their fields out.
 */
export function FormTextField<T extends FieldValues>({
  name,
  control,
  label,
  hint,
  ...props
}: FormTextFieldProps<T>) {
  // The schema words a message with the last key of the field's path.
  const key = name.split('.').pop() ?? name;
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => (
        <TextField
          {...field}
          fullWidth
          margin="normal"
          {...props}
          label={label}
          error={!!fieldState.error}
          helperText={fieldErrorText(fieldState.error, key, label) ?? hint}
        />
      )}
    />
  );
}
