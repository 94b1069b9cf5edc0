import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { DeploymentRequestTemplate } from '@shipgate/plugin-deployments-common';

export interface TemplatePickerProps {
  value: number | null;
  /** The templates offered: those for the chosen environment, and the one chosen. */
  templates: DeploymentRequestTemplate[];
  loading: boolean;
  error?: Error;
  /** What the last choice did, shown under the field. */
  note?: string;
  disabled?: boolean;
  onChange: (templateId: number | null) => void;
}

/** The template a request starts from; choosing one fills its approval slots and steps in. */
export function TemplatePicker({
  value,
  templates,
  loading,
  error,
  note,
  disabled,
  onChange,
}: TemplatePickerProps) {
  return (
    <TextField
      select={!error}
      fullWidth
      label="Template"
      value={value ?? ''}
      disabled={disabled || loading || Boolean(error)}
      onChange={event =>
        onChange(event.target.value === '' ? null : Number(event.target.value))
      }
      helperText={
        error
          ? `Templates could not be loaded: ${error.message}`
          : note ??
            'Pre-fills approval slots and steps; only templates for the chosen environment are offered.'
      }
      SelectProps={{ SelectDisplayProps: { 'aria-label': 'Template' } }}
    >
      <MenuItem value="">
        <em>None (start blank)</em>
      </MenuItem>
      {templates.map(template => (
        <MenuItem key={template.id} value={template.id}>
          {template.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
