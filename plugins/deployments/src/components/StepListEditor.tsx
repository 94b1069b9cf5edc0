import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { stepTitleSchema } from '@shipgate/plugin-deployments-common';

const MAX_STEP_LENGTH = stepTitleSchema.maxLength ?? undefined;

/** What is wrong with each step title (undefined when nothing), by the shared step schema. */
export function stepErrors(
  steps: readonly string[],
): Array<string | undefined> {
  return steps.map(step => {
    const result = stepTitleSchema.safeParse(step);
    if (result.success) return undefined;
    const issue = result.error.issues[0];
    if (issue.code === 'too_big')
      return `A step title may have at most ${issue.maximum} characters`;
    return 'Give the step a title or remove it';
  });
}

export interface StepListEditorProps {
  /** Names the list to screen readers and on its buttons, e.g. "Pre-deployment step". */
  itemLabel: string;
  value: string[];
  onChange: (value: string[]) => void;
  /** Show the problems of blank rows (after the user tried to save). */
  showErrors?: boolean;
  disabled?: boolean;
  /** Shown when the list is empty. */
  emptyText?: string;
}

/** A checklist being written: rows of step titles, added and removed by the user. */
export function StepListEditor({
  itemLabel,
  value,
  onChange,
  showErrors,
  disabled,
  emptyText,
}: StepListEditorProps) {
  const errors = stepErrors(value);
  return (
    <Box>
      {value.length === 0 && emptyText && (
        <Typography variant="body2" color="textSecondary">
          {emptyText}
        </Typography>
      )}
      {value.map((step, index) => (
        <Box
          // Rows have no identity of their own; every field in them is controlled.
          key={index}
          display="flex"
          alignItems="flex-start"
          mb={1}
        >
          <TextField
            fullWidth
            size="small"
            variant="outlined"
            value={step}
            disabled={disabled}
            placeholder="What has to be done"
            inputProps={{
              'aria-label': `${itemLabel} ${index + 1}`,
              maxLength: MAX_STEP_LENGTH,
            }}
            onChange={event =>
              onChange(
                value.map((s, i) => (i === index ? event.target.value : s)),
              )
            }
            error={Boolean(showErrors && errors[index])}
            helperText={showErrors ? errors[index] : undefined}
          />
          <Tooltip title="Remove this step">
            <span>
              <IconButton
                size="small"
                aria-label={`Remove ${itemLabel.toLocaleLowerCase('en-US')} ${
                  index + 1
                }`}
                disabled={disabled}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                <DeleteIcon />
              </IconButton>
            </span>
          </Tooltip>
        </Box>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        disabled={disabled}
        onClick={() => onChange([...value, ''])}
      >
        Add {itemLabel.toLocaleLowerCase('en-US')}
      </Button>
    </Box>
  );
}
