import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import DialogContentText from '@material-ui/core/DialogContentText';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import DeleteIcon from '@material-ui/icons/Delete';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import {
  EnvironmentProtection,
  ORG_ROLES,
  environmentProtectionSchema,
} from '@shipgate/plugin-deployments-common';
import { schemaResolver } from '../../components/formErrors';
import { ActionDialog } from '../../components/ActionDialog';
import { useServerAction } from '../../hooks/useServerAction';

type RuleKind = 'role' | 'group' | 'user';

interface ProtectionFormValues {
  approvalRules: Array<{
    kind: RuleKind;
    value: string;
    requiredApprovals: string;
  }>;
  allowTriggererToApprove: boolean;
}

/** `qa-team` → `group:default/qa-team`; a full ref stays as typed. */
const refOf = (kind: 'group' | 'user', value: string) => {
  const trimmed = value.trim();
  return !trimmed || trimmed.includes(':')
    ? trimmed
    : `${kind}:default/${trimmed}`;
};

const toBody = (values: ProtectionFormValues) => ({
  approvalRules: values.approvalRules.map(r => ({
    [r.kind]: r.kind === 'role' ? r.value : refOf(r.kind, r.value),
    requiredApprovals:
      r.requiredApprovals === '' ? undefined : Number(r.requiredApprovals),
  })),
  allowTriggererToApprove: values.allowTriggererToApprove,
});

const toValues = (
  protection: EnvironmentProtection | null | undefined,
): ProtectionFormValues => ({
  approvalRules: (
    protection?.approvalRules ?? [{ role: 'qa', requiredApprovals: 1 }]
  ).map(r => {
    let kind: RuleKind = 'user';
    if (r.role) kind = 'role';
    else if (r.group) kind = 'group';
    return {
      kind,
      value: r.role ?? r.group ?? r.user ?? '',
      requiredApprovals: String(r.requiredApprovals),
    };
  }),
  allowTriggererToApprove: protection?.allowTriggererToApprove ?? false,
});

export interface ProtectionDialogProps {
  environmentName: string;
  protection: EnvironmentProtection | null | undefined;
  onClose: () => void;
  /** Saves (null: unprotect); a rejection is shown in the dialog, which keeps its input. */
  onSave: (protection: EnvironmentProtection | null) => Promise<void>;
}

/**
 * Protects an environment GitLab's way: approval rules (a role, a group or a user, each with
 * a count) that every deployment waits for, and whether its triggerer may approve it.
 */
export function ProtectionDialog({
  environmentName,
  protection,
  onClose,
  onSave,
}: ProtectionDialogProps) {
  const { control, handleSubmit, formState, setValue } = useForm<
    ProtectionFormValues,
    unknown,
    EnvironmentProtection
  >({
    defaultValues: toValues(protection),
    resolver: schemaResolver(environmentProtectionSchema, toBody),
  });
  const rules = useFieldArray({ control, name: 'approvalRules' });
  const watched = useWatch({ control, name: 'approvalRules' });
  const { errors } = formState;

  const { run: save, busy, error } = useServerAction(onSave);
  const ruleError = (index: number): string | undefined => {
    const e = errors.approvalRules?.[index] as any;
    return (e?.role ?? e?.group ?? e?.user ?? e?.requiredApprovals ?? e)
      ?.message;
  };

  return (
    <ActionDialog
      id="protection-dialog"
      title={`Protect ${environmentName}`}
      submitLabel="Save"
      errorPrefix="Could not save the protection"
      onSubmit={handleSubmit(body => save(body))}
      onClose={onClose}
      busy={busy}
      error={error}
      extraActions={
        protection && (
          <Button onClick={() => save(null)} disabled={busy}>
            Unprotect
          </Button>
        )
      }
    >
      <DialogContentText>
        Every deployment to {environmentName} is blocked until each rule has its
        approvals; one rejection fails it.
        {protection &&
          ' Unprotect lets the deployments waiting for these approvals go on.'}
      </DialogContentText>
      {rules.fields.map((field, index) => (
        <Box
          key={field.id}
          display="flex"
          alignItems="flex-start"
          style={{ gap: 8 }}
        >
          <Controller
            name={`approvalRules.${index}.kind`}
            control={control}
            render={({ field: f }) => (
              <TextField
                {...f}
                onChange={e => {
                  f.onChange(e);
                  // A role's name is no group or user: start the value over.
                  setValue(
                    `approvalRules.${index}.value`,
                    e.target.value === 'role' ? 'qa' : '',
                  );
                }}
                select
                label="Approver"
                id={`rule-${index}-kind`}
                margin="dense"
                style={{ minWidth: 100 }}
              >
                <MenuItem value="role">Role</MenuItem>
                <MenuItem value="group">Group</MenuItem>
                <MenuItem value="user">User</MenuItem>
              </TextField>
            )}
          />
          <Controller
            name={`approvalRules.${index}.value`}
            control={control}
            render={({ field: f }) =>
              watched?.[index]?.kind === 'role' ? (
                <TextField
                  {...f}
                  select
                  label="Role"
                  id={`rule-${index}-value`}
                  margin="dense"
                  fullWidth
                  error={!!ruleError(index)}
                  helperText={ruleError(index)}
                >
                  {ORG_ROLES.map(r => (
                    <MenuItem key={r} value={r}>
                      {r}
                    </MenuItem>
                  ))}
                </TextField>
              ) : (
                <TextField
                  {...f}
                  label="Group or user"
                  placeholder="group:default/qa-team"
                  id={`rule-${index}-value`}
                  margin="dense"
                  fullWidth
                  error={!!ruleError(index)}
                  helperText={ruleError(index)}
                />
              )
            }
          />
          <Controller
            name={`approvalRules.${index}.requiredApprovals`}
            control={control}
            render={({ field: f }) => (
              <TextField
                {...f}
                type="number"
                label="Approvals"
                id={`rule-${index}-count`}
                margin="dense"
                inputProps={{ min: 1 }}
                style={{ width: 110 }}
              />
            )}
          />
          <IconButton
            aria-label={`Remove rule ${index + 1}`}
            onClick={() => rules.remove(index)}
            style={{ marginTop: 8 }}
          >
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      {errors.approvalRules?.message && (
        <DialogContentText color="error">
          {errors.approvalRules.message}
        </DialogContentText>
      )}
      <Box my={1}>
        <Button
          size="small"
          variant="outlined"
          onClick={() =>
            rules.append({
              kind: 'role',
              value: 'qa',
              requiredApprovals: '1',
            })
          }
        >
          Add rule
        </Button>
      </Box>
      <Controller
        name="allowTriggererToApprove"
        control={control}
        render={({ field: f }) => (
          <FormControlLabel
            control={
              <Checkbox
                checked={f.value}
                onChange={e => f.onChange(e.target.checked)}
              />
            }
            label="Allow the triggerer to approve their own deployment"
          />
        )}
      />
    </ActionDialog>
  );
}
