import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { Controller } from 'react-hook-form';
import { ApprovalSlotsEditor } from '../../../components/ApprovalSlotsEditor';
import { StepListEditor } from '../../../components/StepListEditor';
import { RequestFormControl } from './requestFormValues';

export interface ApprovalsAndStepsSectionProps {
  control: RequestFormControl;
  /** Show the problems of blank steps (after the user tried to save). */
  showErrors: boolean;
  disabled?: boolean;
}

/**
 * Who has to approve a request (its approval slots) and its pre- and post-deployment steps.
 * The editors show their rows' problems themselves; the form's schema check blocks the save.
 */
export function ApprovalsAndStepsSection({
  control,
  showErrors,
  disabled,
}: ApprovalsAndStepsSectionProps) {
  return (
    <>
      <Grid item xs={12}>
        <Typography variant="h6">Approval slots</Typography>
        <Typography variant="body2" color="textSecondary" paragraph>
          Who has to approve: an approval type and how many approvals of it.
        </Typography>
        <Controller
          control={control}
          name="slots"
          render={({ field }) => (
            <ApprovalSlotsEditor
              value={field.value}
              onChange={field.onChange}
              disabled={disabled}
            />
          )}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Typography variant="h6">Pre-deployment steps</Typography>
        <Controller
          control={control}
          name="preSteps"
          render={({ field }) => (
            <StepListEditor
              itemLabel="Pre-deployment step"
              value={field.value}
              onChange={field.onChange}
              showErrors={showErrors}
              disabled={disabled}
              emptyText="None."
            />
          )}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <Typography variant="h6">Post-deployment steps</Typography>
        <Controller
          control={control}
          name="postSteps"
          render={({ field }) => (
            <StepListEditor
              itemLabel="Post-deployment step"
              value={field.value}
              onChange={field.onChange}
              showErrors={showErrors}
              disabled={disabled}
              emptyText="None."
            />
          )}
        />
      </Grid>
    </>
  );
}
