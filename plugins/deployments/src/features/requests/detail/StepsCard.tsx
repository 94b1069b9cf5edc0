import { InfoCard } from '@backstage/core-components';
import { UserRef } from '../../../components/UserRef';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  DeploymentRequest,
  DeploymentRequestStep,
  StepPhase,
} from '@shipgate/plugin-deployments-common';
import { RelativeTime } from '../../../components/RelativeTime';

const PHASE_TITLES: Record<StepPhase, string> = {
  pre: 'Pre-deployment steps',
  post: 'Post-deployment steps',
};

function StepRow({
  step,
  reason,
  onComplete,
}: {
  step: DeploymentRequestStep;
  /** null when the caller may complete it, else why not (undefined: no reason given). */
  reason: string | null | undefined;
  onComplete: (step: DeploymentRequestStep) => void;
}) {
  const done = step.completedAt !== null || step.completedBy !== null;
  const enabled = !done && reason === null;
  const checkbox = (
    <Checkbox
      checked={done}
      disabled={!enabled}
      color="primary"
      onChange={() => enabled && onComplete(step)}
      inputProps={{ 'aria-label': step.title }}
    />
  );
  return (
    <Box component="li" display="flex" alignItems="flex-start">
      {!done && !enabled && reason ? (
        <Tooltip title={reason}>
          {/* A span, because a disabled checkbox fires no events for the tooltip. */}
          <span>{checkbox}</span>
        </Tooltip>
      ) : (
        checkbox
      )}
      <Box pt={1.25}>
        <Typography variant="body2">{step.title}</Typography>
        {!done && (
          <Typography variant="caption" color="textSecondary" component="div">
            {step.role
              ? `To be completed by the ${step.role.replace('_', ' ')} role`
              : 'To be completed by the requester, a release manager or an admin'}
          </Typography>
        )}
        {done && (
          <Typography variant="caption" color="textSecondary" component="div">
            Completed
            {step.completedBy && (
              <>
                {' by '}
                <UserRef entityRef={step.completedBy} />
              </>
            )}{' '}
            <RelativeTime value={step.completedAt} fallback="" />
          </Typography>
        )}
        {done && step.note && (
          <Typography variant="body2" style={{ whiteSpace: 'pre-wrap' }}>
            {step.note}
          </Typography>
        )}
      </Box>
    </Box>
  );
}

function StepList({
  phase,
  request,
  onComplete,
}: {
  phase: StepPhase;
  request: DeploymentRequest;
  onComplete: (step: DeploymentRequestStep) => void;
}) {
  const steps = request.steps.filter(step => step.phase === phase);
  const done = steps.filter(
    step => step.completedAt !== null || step.completedBy !== null,
  );
  return (
    <Box component="section" aria-label={PHASE_TITLES[phase]} mb={2}>
      <Typography variant="subtitle1" component="h3">
        {PHASE_TITLES[phase]}
        {steps.length > 0 && (
          <Typography component="span" variant="body2" color="textSecondary">
            {' '}
            ({done.length} of {steps.length} done)
          </Typography>
        )}
      </Typography>
      {steps.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None.
        </Typography>
      ) : (
        <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {steps.map(step => (
            <StepRow
              key={step.id}
              step={step}
              reason={request.abilities.completeStep[step.id]}
              onComplete={onComplete}
            />
          ))}
        </Box>
      )}
    </Box>
  );
}

/** The pre- and post-deployment checklists of a request. */
export function StepsCard({
  request,
  onComplete,
}: {
  request: DeploymentRequest;
  onComplete: (step: DeploymentRequestStep) => void;
}) {
  return (
    <InfoCard title="Steps">
      <StepList phase="pre" request={request} onComplete={onComplete} />
      <StepList phase="post" request={request} onComplete={onComplete} />
    </InfoCard>
  );
}
