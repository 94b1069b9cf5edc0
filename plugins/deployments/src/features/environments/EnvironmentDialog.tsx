import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import { Controller, useForm } from 'react-hook-form';
import {
  DEPLOY_POLICIES,
  DeployPolicy,
  ENVIRONMENT_TIERS,
  Environment,
  EnvironmentTier,
  UpdateEnvironmentBody,
  updateEnvironmentBodySchema,
} from '@shipgate/plugin-deployments-common';
import { ActionDialog } from '../../components/ActionDialog';
import { FormTextField } from '../../components/FormTextField';
import { schemaResolver, typedNumber } from '../../components/formErrors';
import { useServerAction } from '../../hooks/useServerAction';

interface EnvironmentFormValues {
  title: string;
  tier: EnvironmentTier;
  order: string;
  deployPolicy: DeployPolicy;
  requiredApprovals: string;
  allowSelfApproval: boolean;
}

const toBody = (values: EnvironmentFormValues) => ({
  ...values,
  order: typedNumber(values.order),
  requiredApprovals: typedNumber(values.requiredApprovals),
});

export interface EnvironmentDialogProps {
  environment: Environment;
  onClose: () => void;
  /** Saves the edit; a rejection is shown in the dialog, which keeps its input. */
  onSave: (body: UpdateEnvironmentBody) => Promise<void>;
}

/**
 * Edits an environment: title, tier, order, deploy policy and approval settings, checked
 * with the API's own schema before they are sent.
 */
export function EnvironmentDialog({
  environment,
  onClose,
  onSave,
}: EnvironmentDialogProps) {
  const { control, handleSubmit } = useForm<
    EnvironmentFormValues,
    unknown,
    UpdateEnvironmentBody
  >({
    defaultValues: {
      title: environment.title,
      tier: environment.tier,
      order: String(environment.order),
      deployPolicy: environment.deployPolicy,
      requiredApprovals: String(environment.requiredApprovals),
      allowSelfApproval: environment.allowSelfApproval,
    },
    resolver: schemaResolver(updateEnvironmentBodySchema, toBody),
  });
  const { run, busy, error } = useServerAction(onSave);

  return (
    <ActionDialog
      id="environment-dialog"
      title={`Edit ${environment.name}`}
      submitLabel="Save"
      errorPrefix="Could not save the environment"
      onSubmit={handleSubmit(body => run(body))}
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <FormTextField
        name="title"
        control={control}
        id="environment-title"
        label="Title"
      />
      <FormTextField
        name="tier"
        control={control}
        id="environment-tier"
        select
        label="Tier"
      >
        {ENVIRONMENT_TIERS.map(t => (
          <MenuItem key={t} value={t}>
            {t}
          </MenuItem>
        ))}
      </FormTextField>
      <FormTextField
        name="order"
        control={control}
        id="environment-order"
        label="Order"
        type="number"
      />
      <FormTextField
        name="deployPolicy"
        control={control}
        id="environment-deploy-policy"
        select
        label="Deploy policy"
      >
        {DEPLOY_POLICIES.map(p => (
          <MenuItem key={p} value={p}>
            {p}
          </MenuItem>
        ))}
      </FormTextField>
      <FormTextField
        name="requiredApprovals"
        control={control}
        id="environment-required-approvals"
        label="Required approvals"
        type="number"
        inputProps={{ min: 0 }}
        hint="The least number of approvals a deployment request here needs in total, slots added by rules included (checked on submit)"
      />
      <Controller
        name="allowSelfApproval"
        control={control}
        render={({ field: { value, onChange, ...field } }) => (
          <FormControlLabel
            control={
              <Checkbox
                {...field}
                checked={value}
                onChange={e => onChange(e.target.checked)}
              />
            }
            label="Allow self-approval"
          />
        )}
      />
    </ActionDialog>
  );
}
