import { useState } from 'react';
import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { Controller, useForm } from 'react-hook-form';
import {
  EvaluateRulesBody,
  RuleEffect,
  RuleEvaluation,
  evaluateRulesBodySchema,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { approvalTypeLabel } from '../../components/ApprovalTypeLabel';
import { fieldErrorText, schemaResolver } from '../../components/formErrors';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { GateReason } from '../protection/BlockedReason';

const resolver = schemaResolver<EvaluateRulesBody, EvaluateRulesBody>(
  evaluateRulesBodySchema,
  values => values,
);

/** An effect in words: what the rule does to this deployment. */
export function effectText(effect: RuleEffect): string {
  switch (effect.kind) {
    case 'require_approved_request':
      return effect.satisfied
        ? `approved request #${effect.deploymentRequestId} covers it`
        : 'needs an approved deployment request';
    case 'required_approvals':
      return `adds ${effect.approvals
        .map(a => `${approvalTypeLabel(a.approvalType)} ×${a.count}`)
        .join(', ')} to requests`;
    default:
      return `approval order ${effect.order
        .map(approvalTypeLabel)
        .join(' → ')}`;
  }
}

function Decision({ decision }: { decision: RuleEvaluation['decision'] }) {
  if (decision === 'allow')
    return <StatusOK>allow: it would be recorded</StatusOK>;
  if (decision === 'block')
    return (
      <StatusWarning>block: it would be recorded as blocked</StatusWarning>
    );
  return <StatusError>refuse: it would not be recorded</StatusError>;
}

/** POST /rules/evaluate from the page: what every deployment gate would say of an event. */
export function EvaluateRulesCard() {
  const api = useApi(deploymentsApiRef);
  const [result, setResult] = useState<RuleEvaluation>();
  const [error, setError] = useState<unknown>();
  const { control, handleSubmit, formState } = useForm<
    EvaluateRulesBody,
    unknown,
    EvaluateRulesBody
  >({
    resolver,
    defaultValues: { product: '', version: '', environment: '' },
  });
  const evaluate = handleSubmit(async body => {
    setError(undefined);
    try {
      setResult(await api.evaluateRules(body));
    } catch (e) {
      setResult(undefined);
      setError(e);
    }
  });
  const field = (
    name: keyof EvaluateRulesBody,
    label: string,
    placeholder: string,
  ) => (
    <Grid item xs={12} md={3}>
      <Controller
        control={control}
        name={name}
        render={({ field: f, fieldState }) => (
          <TextField
            fullWidth
            id={`evaluate-${name}`}
            label={label}
            placeholder={placeholder}
            InputLabelProps={{ shrink: true }}
            value={f.value}
            onChange={event => f.onChange(event.target.value)}
            error={Boolean(fieldState.error)}
            helperText={fieldErrorText(fieldState.error, name, label)}
          />
        )}
      />
    </Grid>
  );

  return (
    <InfoCard
      title="Evaluate"
      subheader="A dry run of every deployment gate (freezes, protection, requests, rules): nothing is recorded"
    >
      <Grid container spacing={2} alignItems="flex-end">
        {field('product', 'Product', 'payment-api')}
        {field('version', 'Version', '1.2.3')}
        {field('environment', 'Environment', 'production')}
        <Grid item xs={12} md={3}>
          <Button
            variant="contained"
            color="primary"
            onClick={() => evaluate()}
            disabled={formState.isSubmitting}
          >
            Evaluate
          </Button>
        </Grid>
      </Grid>
      {Boolean(error) && (
        <Box mt={2}>
          <ServerErrorAlert error={error} prefix="Could not evaluate" />
        </Box>
      )}
      {result && (
        <Box mt={2} aria-live="polite">
          <Typography variant="subtitle1" component="h3">
            Decision: <Decision decision={result.decision} />
          </Typography>
          {result.reasons.length > 0 && (
            <>
              <Typography variant="subtitle2" component="h4">
                Reasons
              </Typography>
              <ul>
                {result.reasons.map(reason => (
                  <li key={reason}>
                    <Typography variant="body2">
                      <GateReason text={reason} />
                    </Typography>
                  </li>
                ))}
              </ul>
            </>
          )}
          <Typography variant="subtitle2" component="h4">
            Matching rules ({result.rules.length})
          </Typography>
          {result.rules.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No enabled rule matches this deployment.
            </Typography>
          ) : (
            <ul>
              {result.rules.slice(0, 50).map(rule => (
                <li key={rule.id}>
                  <Typography variant="body2">
                    <strong>{rule.name}</strong>:{' '}
                    {rule.effects.map(effectText).join('; ')}
                  </Typography>
                </li>
              ))}
              {result.rules.length > 50 && (
                <li>…and {result.rules.length - 50} more</li>
              )}
            </ul>
          )}
        </Box>
      )}
    </InfoCard>
  );
}
