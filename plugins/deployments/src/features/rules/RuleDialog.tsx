import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Controller, useForm } from 'react-hook-form';
import {
  APPROVAL_TYPES,
  DeploymentRule,
  ENVIRONMENT_TIERS,
  ParsedRuleBody,
  RULE_NAME_MAX,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { approvalTypeLabel } from '../../components/ApprovalTypeLabel';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import {
  RuleFormValues,
  errorMessages,
  ruleFormValues,
  ruleResolver,
} from './ruleForm';

export interface RuleDialogProps {
  /** The rule to edit; without it the dialog creates one. */
  rule?: DeploymentRule;
  onSaved: (rule: DeploymentRule) => void;
  onCancel: () => void;
}

/**
 * A deployment rule in a dialog: what it matches (environments, tiers, products; none =
 * all) and what it requires (an approved request, approval slots, an approval order).
 */
export function RuleDialog({ rule, onSaved, onCancel }: RuleDialogProps) {
  const api = useApi(deploymentsApiRef);
  const environments = useAsync(async () => api.listEnvironments(), [api]);
  const { control, handleSubmit, formState } = useForm<
    RuleFormValues,
    unknown,
    ParsedRuleBody
  >({
    resolver: ruleResolver,
    defaultValues: ruleFormValues(rule),
  });
  const [serverError, setServerError] = useState<unknown>();
  const saving = formState.isSubmitting;
  const messages = formState.isSubmitted ? errorMessages(formState.errors) : [];

  const save = handleSubmit(async body => {
    setServerError(undefined);
    try {
      onSaved(
        rule ? await api.updateRule(rule.id, body) : await api.createRule(body),
      );
    } catch (error) {
      setServerError(error);
    }
  });

  const checkbox = (
    name: 'enabled' | 'requireApprovedRequest',
    label: string,
  ) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <FormControlLabel
          control={
            <Checkbox
              checked={field.value}
              onChange={e => field.onChange(e.target.checked)}
              disabled={saving}
            />
          }
          label={label}
        />
      )}
    />
  );

  const multiSelect = (
    name: 'environments' | 'tiers',
    label: string,
    options: string[],
    help: string,
  ) => (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <TextField
          select
          fullWidth
          margin="normal"
          label={label}
          value={field.value}
          disabled={saving}
          onChange={event =>
            field.onChange(event.target.value as unknown as string[])
          }
          helperText={help}
          SelectProps={{
            multiple: true,
            displayEmpty: true,
            renderValue: value =>
              (value as string[]).length
                ? (value as string[]).join(', ')
                : 'All',
            SelectDisplayProps: { 'aria-label': label },
          }}
          InputLabelProps={{ shrink: true }}
        >
          {options.map(option => (
            <MenuItem key={option} value={option}>
              <Checkbox checked={field.value.includes(option)} size="small" />
              <ListItemText primary={option} />
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );

  return (
    <Dialog
      open
      onClose={saving ? undefined : onCancel}
      fullWidth
      maxWidth="md"
      aria-labelledby="rule-dialog-title"
    >
      <DialogTitle id="rule-dialog-title">
        {rule ? `Edit rule "${rule.name}"` : 'New deployment rule'}
      </DialogTitle>
      <DialogContent>
        {Boolean(serverError) && (
          <Box mb={2}>
            <ServerErrorAlert
              error={serverError}
              prefix="Could not save the rule"
              onClose={() => setServerError(undefined)}
            />
          </Box>
        )}
        <Controller
          control={control}
          name="name"
          render={({ field }) => (
            <TextField
              fullWidth
              required
              margin="normal"
              id="rule-dialog-name"
              label="Name"
              value={field.value}
              inputRef={field.ref}
              disabled={saving}
              inputProps={{ maxLength: RULE_NAME_MAX }}
              onChange={event => field.onChange(event.target.value)}
            />
          )}
        />
        {checkbox('enabled', 'Enabled')}
        <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
          Applies to
        </Typography>
        <Grid container spacing={2}>
          <Grid item xs={12} md={4}>
            {multiSelect(
              'environments',
              'Environments',
              (environments.value ?? []).map(e => e.name),
              'None selected: every environment.',
            )}
          </Grid>
          <Grid item xs={12} md={4}>
            {multiSelect(
              'tiers',
              'Tiers',
              [...ENVIRONMENT_TIERS],
              'None selected: every tier.',
            )}
          </Grid>
          <Grid item xs={12} md={4}>
            <Controller
              control={control}
              name="products"
              render={({ field }) => (
                <TextField
                  fullWidth
                  margin="normal"
                  id="rule-dialog-products"
                  label="Products"
                  placeholder="payment-api, ledger-service"
                  helperText="Separated by commas. Empty: every product."
                  InputLabelProps={{ shrink: true }}
                  value={field.value}
                  disabled={saving}
                  onChange={event => field.onChange(event.target.value)}
                />
              )}
            />
          </Grid>
        </Grid>
        <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
          Requires
        </Typography>
        {checkbox(
          'requireApprovedRequest',
          'An approved deployment request (deployments without one are blocked)',
        )}
        <Typography variant="body2" color="textSecondary">
          Approvals added to every matching request (0 or empty: none)
        </Typography>
        <Grid container spacing={2}>
          {APPROVAL_TYPES.map(type => (
            <Grid item xs={6} md={2} key={type}>
              <Controller
                control={control}
                name={`counts.${type}`}
                render={({ field }) => (
                  <TextField
                    fullWidth
                    margin="dense"
                    id={`rule-dialog-count-${type}`}
                    label={approvalTypeLabel(type)}
                    inputProps={{ inputMode: 'numeric' }}
                    value={field.value}
                    disabled={saving}
                    onChange={event => field.onChange(event.target.value)}
                  />
                )}
              />
            </Grid>
          ))}
        </Grid>
        <Controller
          control={control}
          name="approvalOrder"
          render={({ field }) => (
            <TextField
              fullWidth
              margin="normal"
              id="rule-dialog-order"
              label="Approval order"
              placeholder="qa, security"
              helperText={`Approval types, earliest first: a later slot waits for the earlier ones (${APPROVAL_TYPES.join(
                ', ',
              )}).`}
              InputLabelProps={{ shrink: true }}
              value={field.value}
              disabled={saving}
              onChange={event => field.onChange(event.target.value)}
            />
          )}
        />
        {messages.length > 0 && (
          <Box mt={2}>
            <Alert severity="error" role="status">
              {messages.map(message => (
                <div key={message}>{message}</div>
              ))}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={saving}>
          Cancel
        </Button>
        <Button
          variant="contained"
          color="primary"
          onClick={() => save()}
          disabled={saving}
        >
          {rule ? 'Save rule' : 'Create rule'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
