import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  APPROVAL_TYPES,
  ApprovalType,
  approvalSlotInputSchema,
  approvalSlotsInputSchema,
} from '@shipgate/plugin-deployments-common';
import { approvalTypeLabel } from './ApprovalTypeLabel';

/** An approval slot as it is being edited: the count is the text in its field. */
export interface ApprovalSlotDraft {
  approvalType: ApprovalType;
  requiredCount: string;
}

export interface ApprovalSlotErrors {
  approvalType?: string;
  requiredCount?: string;
}

/** The limits of a count, as the shared schema states them. */
const requiredCountSchema =
  approvalSlotInputSchema.shape.requiredCount.removeDefault();
const MIN_REQUIRED_COUNT = requiredCountSchema.minValue ?? 1;
const MAX_REQUIRED_COUNT = requiredCountSchema.maxValue ?? undefined;

/** Drafts from slots as the API has them. */
export function toApprovalSlotDrafts(
  slots: ReadonlyArray<{ approvalType: ApprovalType; requiredCount: number }>,
): ApprovalSlotDraft[] {
  return slots.map(slot => ({
    approvalType: slot.approvalType,
    requiredCount: String(slot.requiredCount),
  }));
}

/**
 * Slots as the API takes them. A count that is not a number stays NaN, so that the schema
 * refuses it instead of the form guessing one.
 */
export function fromApprovalSlotDrafts(
  drafts: readonly ApprovalSlotDraft[],
): Array<{ approvalType: ApprovalType; requiredCount: number }> {
  return drafts.map(draft => {
    const text = draft.requiredCount.trim();
    return {
      approvalType: draft.approvalType,
      requiredCount: text ? Number(text) : NaN,
    };
  });
}

/**
 * What is wrong with each row, by the shared slots schema (a whole required count within its
 * limits, each approval type once: a second QA slot is a higher count instead), said to a
 * person. Rows without a problem have an empty object.
 */
export function approvalSlotErrors(
  drafts: readonly ApprovalSlotDraft[],
): ApprovalSlotErrors[] {
  const slots = fromApprovalSlotDrafts(drafts);
  const errors: ApprovalSlotErrors[] = slots.map(slot => {
    const result = approvalSlotInputSchema.safeParse(slot);
    const issue = result.success
      ? undefined
      : result.error.issues.find(i => i.path[0] === 'requiredCount');
    if (!issue) return {};
    return {
      requiredCount:
        issue.code === 'too_big'
          ? `Required count must be at most ${issue.maximum}`
          : `Required count must be a whole number of at least ${MIN_REQUIRED_COUNT}`,
    };
  });
  // Repeated types are found over the types alone, so a count being typed does not hide them.
  const types = approvalSlotsInputSchema.safeParse(
    drafts.map(draft => ({ approvalType: draft.approvalType })),
  );
  if (!types.success) {
    for (const issue of types.error.issues) {
      const [index, field] = issue.path;
      if (typeof index === 'number' && field === 'approvalType') {
        errors[index].approvalType = `${approvalTypeLabel(
          drafts[index].approvalType,
        )} is already a slot; raise its required count instead`;
      }
    }
  }
  return errors;
}

export interface ApprovalSlotsEditorProps {
  value: ApprovalSlotDraft[];
  onChange: (value: ApprovalSlotDraft[]) => void;
  disabled?: boolean;
}

/**
 * Rows of approval type + required count, added and removed by the user. Problems (a repeated
 * type, a count below 1) show beside the field as soon as they exist.
 */
export function ApprovalSlotsEditor({
  value,
  onChange,
  disabled,
}: ApprovalSlotsEditorProps) {
  const errors = approvalSlotErrors(value);
  const unused = APPROVAL_TYPES.filter(
    type => !value.some(slot => slot.approvalType === type),
  );

  const update = (index: number, patch: Partial<ApprovalSlotDraft>) =>
    onChange(
      value.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)),
    );

  return (
    <Box>
      {value.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No approval slots. Deployment rules may still add some when the
          request is submitted.
        </Typography>
      )}
      {value.map((slot, index) => (
        <Box
          // Rows have no identity of their own; every field in them is controlled.
          key={index}
          display="flex"
          alignItems="flex-start"
          mb={1}
          data-testid="approval-slot-row"
        >
          <Box mr={2} minWidth={200}>
            <TextField
              select
              fullWidth
              label="Approval type"
              value={slot.approvalType}
              disabled={disabled}
              onChange={event =>
                update(index, {
                  approvalType: event.target.value as ApprovalType,
                })
              }
              error={Boolean(errors[index].approvalType)}
              helperText={errors[index].approvalType}
              SelectProps={{
                SelectDisplayProps: {
                  'aria-label': `Approval type ${index + 1}`,
                },
              }}
            >
              {APPROVAL_TYPES.map(type => (
                <MenuItem key={type} value={type}>
                  {approvalTypeLabel(type)}
                </MenuItem>
              ))}
            </TextField>
          </Box>
          <Box mr={1} width={160}>
            <TextField
              label="Required count"
              type="number"
              value={slot.requiredCount}
              disabled={disabled}
              inputProps={{
                min: MIN_REQUIRED_COUNT,
                max: MAX_REQUIRED_COUNT,
                'aria-label': `Required count ${index + 1}`,
              }}
              onChange={event =>
                update(index, { requiredCount: event.target.value })
              }
              error={Boolean(errors[index].requiredCount)}
              helperText={errors[index].requiredCount}
            />
          </Box>
          <Tooltip title="Remove this slot">
            <span>
              <IconButton
                aria-label={`Remove approval slot ${index + 1}`}
                disabled={disabled}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                <DeleteIcon />
              </IconButton>
            </span>
          </Tooltip>
        </Box>
      ))}
      <Tooltip
        title={
          unused.length === 0 ? 'Every approval type already has a slot' : ''
        }
      >
        <span>
          <Button
            size="small"
            startIcon={<AddIcon />}
            disabled={disabled || unused.length === 0}
            onClick={() =>
              onChange([
                ...value,
                { approvalType: unused[0], requiredCount: '1' },
              ])
            }
          >
            Add approval slot
          </Button>
        </span>
      </Tooltip>
    </Box>
  );
}
