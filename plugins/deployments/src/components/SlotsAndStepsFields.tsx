import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { StepDefinition } from '@shipgate/plugin-deployments-common';
import { Control, Controller, FieldValues, Path } from 'react-hook-form';
import { ApprovalSlotDraft, ApprovalSlotsEditor } from './ApprovalSlotsEditor';
import { StepListEditor } from './StepListEditor';

/** What a form with approval slots and steps holds: a request's, or a template's. */
export interface SlotsAndStepsValues {
  slots: ApprovalSlotDraft[];
  preSteps: StepDefinition[];
  postSteps: StepDefinition[];
}

export interface SlotsAndStepsFieldsProps<T extends SlotsAndStepsValues & FieldValues> {
  control: Control<T, any, any>;
  /** Show the problems of blank steps (after the user tried to save). */
  showErrors: boolean;
  disabled?: boolean;
  /** Pre- and post-steps side by side on wide screens (the page), or one above the other (a dialog). */
  stepsSideBySide?: boolean;
}

/**
 * Who has to approve (the approval slots) and the pre- and post-deployment steps, as grid
 * items of the form around them. The editors show their rows' problems themselves; the
 * form's schema check blocks the save.
 */
export function SlotsAndStepsFields<T extends SlotsAndStepsValues & FieldValues>({
  control,
  showErrors,
  disabled,
  stepsSideBySide = true,
}: SlotsAndStepsFieldsProps<T>) {
  const steps = (name: 'preSteps' | 'postSteps', label: string) => (
    <Grid item xs={12} md={stepsSideBySide ? 6 : 12}>
      <Typography variant="h6">{label}s</Typography>
      <Controller
        control={control}
        name={name as Path<T>}
        render={({ field }) => (
          <StepListEditor
            itemLabel={label}
            value={field.value}
            onChange={field.onChange}
            showErrors={showErrors}
            disabled={disabled}
            emptyText="None."
          />
        )}
      />
    </Grid>
  );
  return (
    <>
      <Grid item xs={12}>
        <Typography variant="h6">Approval slots</Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          Who has to approve: an approval type and how many approvals of it.
        </Typography>
        <Controller
          control={control}
          name={'slots' as Path<T>}
          render={({ field }) => (
            <ApprovalSlotsEditor value={field.value} onChange={field.onChange} disabled={disabled} />
          )}
        />
      </Grid>
      {steps('preSteps', 'Pre-deployment step')}
      {steps('postSteps', 'Post-deployment step')}
    </>
  );
}
