import { useState } from 'react';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  DEPLOY_POLICIES,
  DeployPolicy,
  ENVIRONMENT_TIERS,
  Environment,
  EnvironmentTier,
  UpdateEnvironmentBody,
} from '@shipgate/plugin-deployments-common';
import { ActionDialog } from '../../components/ActionDialog';
import { useServerAction } from '../../hooks/useServerAction';

export interface EnvironmentDialogProps {
  environment: Environment;
  onClose: () => void;
  /** Saves the edit; a rejection is shown in the dialog, which keeps its input. */
  onSave: (body: UpdateEnvironmentBody) => Promise<void>;
}

/** Edits an environment: title, tier, order, deploy policy and approval settings. */
export function EnvironmentDialog({
  environment,
  onClose,
  onSave,
}: EnvironmentDialogProps) {
  const [title, setTitle] = useState(environment.title);
  const [tier, setTier] = useState<EnvironmentTier>(environment.tier);
  const [order, setOrder] = useState(String(environment.order));
  const [deployPolicy, setDeployPolicy] = useState<DeployPolicy>(
    environment.deployPolicy,
  );
  const [requiredApprovals, setRequiredApprovals] = useState(
    String(environment.requiredApprovals),
  );
  const [allowSelfApproval, setAllowSelfApproval] = useState(
    environment.allowSelfApproval,
  );
  const { run, busy, error } = useServerAction(onSave);

  return (
    <ActionDialog
      id="environment-dialog"
      title={`Edit ${environment.name}`}
      submitLabel="Save"
      errorPrefix="Could not save the environment"
      onSubmit={() =>
        run({
          title,
          tier,
          order: Number(order),
          deployPolicy,
          requiredApprovals: Number(requiredApprovals),
          allowSelfApproval,
        })
      }
      onClose={onClose}
      busy={busy}
      error={error}
    >
      <TextField
        id="environment-title"
        label="Title"
        value={title}
        onChange={e => setTitle(e.target.value)}
        fullWidth
        margin="normal"
      />
      <TextField
        id="environment-tier"
        select
        label="Tier"
        value={tier}
        onChange={e => setTier(e.target.value as EnvironmentTier)}
        fullWidth
        margin="normal"
      >
        {ENVIRONMENT_TIERS.map(t => (
          <MenuItem key={t} value={t}>
            {t}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="environment-order"
        label="Order"
        type="number"
        value={order}
        onChange={e => setOrder(e.target.value)}
        fullWidth
        margin="normal"
      />
      <TextField
        id="environment-deploy-policy"
        select
        label="Deploy policy"
        value={deployPolicy}
        onChange={e => setDeployPolicy(e.target.value as DeployPolicy)}
        fullWidth
        margin="normal"
      >
        {DEPLOY_POLICIES.map(p => (
          <MenuItem key={p} value={p}>
            {p}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="environment-required-approvals"
        label="Required approvals"
        type="number"
        value={requiredApprovals}
        onChange={e => setRequiredApprovals(e.target.value)}
        helperText="The least number of approvals a deployment request here needs in total, slots added by rules included (checked on submit)"
        fullWidth
        margin="normal"
      />
      <FormControlLabel
        control={
          <Checkbox
            checked={allowSelfApproval}
            onChange={e => setAllowSelfApproval(e.target.checked)}
          />
        }
        label="Allow self-approval"
      />
    </ActionDialog>
  );
}
