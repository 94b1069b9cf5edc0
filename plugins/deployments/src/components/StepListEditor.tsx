import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import MenuItem from '@material-ui/core/MenuItem';
import {
  ORG_ROLES,
  OrgRole,
  StepDefinition,
  stepTitleSchema,
} from '@shipgate/plugin-deployments-common';

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
  value: StepDefinition[];
  onChange: (value: StepDefinition[]) => void;
  /** Show the problems of blank rows (after the user tried to save). */
  showErrors?: boolean;
  disabled?: boolean;
  /** Shown when the list is empty. */
  emptyText?: string;
}

/** How a step's assignee reads in the role picker. */
const roleText = (role: OrgRole) => role.replace('_', ' ');

/**
 * A checklist being written: rows of step titles, each with who completes it (an org role,
 * or by default the requester, release managers and admins), added and removed by the user.
 */
export function StepListEditor({
  itemLabel,
  value,
  onChange,
  showErrors,
  disabled,
  emptyText,
}: StepListEditorProps) {
  const errors = stepErrors(value.map(step => step.title));
  const change = (index: number, patch: Partial<StepDefinition>) =>
    onChange(value.map((s, i) => (i === index ? { ...s, ...patch } : s)));
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
            value={step.title}
            disabled={disabled}
            placeholder="What has to be done"
            inputProps={{
              'aria-label': `${itemLabel} ${index + 1}`,
              maxLength: MAX_STEP_LENGTH,
            }}
            onChange={event => change(index, { title: event.target.value })}
            error={Boolean(showErrors && errors[index])}
            helperText={showErrors ? errors[index] : undefined}
          />
          <Box ml={1} minWidth={170}>
            <TextField
              select
              fullWidth
              size="small"
              variant="outlined"
              label="Completed by"
              value={step.role ?? ''}
              disabled={disabled}
              SelectProps={{
                inputProps: {
                  'aria-label': `Who completes ${itemLabel.toLocaleLowerCase(
                    'en-US',
                  )} ${index + 1}`,
                },
              }}
              onChange={event =>
                change(index, {
                  role: (event.target.value as OrgRole | '') || null,
                })
              }
            >
              <MenuItem value="">Requester</MenuItem>
              {ORG_ROLES.map(role => (
                <MenuItem key={role} value={role}>
                  {roleText(role)}
                </MenuItem>
              ))}
            </TextField>
          </Box>
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
        onClick={() => onChange([...value, { title: '', role: null }])}
      >
        Add {itemLabel.toLocaleLowerCase('en-US')}
      </Button>
    </Box>
  );
}
