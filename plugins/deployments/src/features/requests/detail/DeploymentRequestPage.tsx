import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Link,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useSignal } from '@backstage/plugin-signals-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ApprovalDecisionValue,
  ApprovalSlot,
  DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL,
  DEPLOYMENTS_SIGNAL_CHANNEL,
  DeploymentRequest,
  DeploymentRequestSignal,
  DeploymentRequestStep,
  DeploymentSignal,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import {
  DEPLOYMENT_REQUESTS_PATH,
  deploymentRequestPath,
} from '../../../routes';
import {
  DecisionDialog,
  DecisionTarget,
} from '../../../components/DecisionDialog';
import { DeploymentRequestStateChip } from '../DeploymentRequestStateChip';
import { RelativeTime } from '../../../components/RelativeTime';
import { serverErrorMessage } from '../../../components/ServerErrorAlert';
import { UserRef, userRefText } from '../../../components/UserRef';
import { ApprovalSlotsCard } from './ApprovalSlotsCard';
import { AuditTrail } from './AuditTrail';
import { DeploymentProgress } from './DeploymentProgress';
import { RequestActions } from './RequestActions';
import { StepCompletionDialog } from './StepCompletionDialog';
import { StepsCard } from './StepsCard';
import { useDeploymentRequest } from './useDeploymentRequest';

function parseId(raw: string | undefined): number | undefined {
  if (!raw || !/^\d+$/.test(raw)) return undefined;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function isNotFound(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    ((error as { statusCode?: number }).statusCode === 404 ||
      (error as { name?: string }).name === 'NotFoundError')
  );
}

function PageShell({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: React.ReactNode;
}) {
  return (
    <Page themeId="tool">
      <Header
        title={title}
        subtitle={subtitle}
        type="Deployment requests"
        typeLink={DEPLOYMENT_REQUESTS_PATH}
      />
      <Content>{children}</Content>
    </Page>
  );
}

function NotFound({ id }: { id?: string }) {
  return (
    <PageShell title="Deployment request not found">
      <EmptyState
        missing="info"
        title="Deployment request not found"
        description={
          id
            ? `There is no deployment request #${id}, or it is not visible to you.`
            : 'This address does not name a deployment request.'
        }
        action={
          <LinkButton
            to={DEPLOYMENT_REQUESTS_PATH}
            variant="contained"
            color="primary"
          >
            All deployment requests
          </LinkButton>
        }
      />
    </PageShell>
  );
}

/**
 * Re-fetch when someone changes this request (and say who, when it was not the caller), and
 * when a deployment of one of its products moves (the progress view).
 */
function useLiveUpdates(
  request: DeploymentRequest | undefined,
  id: number | undefined,
  reload: () => void,
) {
  const api = useApi(deploymentsApiRef);
  const me = useAsync(() => api.getMe(), [api]);
  const [updatedBy, setUpdatedBy] = useState<string>();
  const products = useRef<Set<string>>(new Set());
  products.current = new Set(
    (request?.items ?? []).map(i => i.product.toLowerCase()),
  );

  const { lastSignal: requestSignal } = useSignal<
    DeploymentRequestSignal & Record<string, any>
  >(DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL);
  const { lastSignal: deploymentSignal } = useSignal<
    DeploymentSignal & Record<string, any>
  >(DEPLOYMENTS_SIGNAL_CHANNEL);

  useEffect(() => {
    if (
      !requestSignal ||
      id === undefined ||
      Number(requestSignal.requestId) !== id
    )
      return;
    reload();
    const myRef = me.value?.userEntityRef?.toLowerCase();
    if (
      requestSignal.actor &&
      myRef &&
      requestSignal.actor.toLowerCase() !== myRef
    ) {
      setUpdatedBy(requestSignal.actor);
    }
    // Only a new signal should cause a reload.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestSignal]);

  useEffect(() => {
    if (!deploymentSignal?.product) return;
    if (!products.current.has(String(deploymentSignal.product).toLowerCase()))
      return;
    reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [deploymentSignal]);

  return { updatedBy, dismiss: () => setUpdatedBy(undefined) };
}

/** A deployment request's page: items, approvals, steps, progress, audit, and its actions. */
export function DeploymentRequestPage() {
  const { id: rawId } = useParams();
  const id = parseId(rawId);
  const { request, error, loading, reload, replace } = useDeploymentRequest(id);
  const { updatedBy, dismiss } = useLiveUpdates(request, id, reload);
  const [decision, setDecision] = useState<DecisionTarget>();
  const [step, setStep] = useState<DeploymentRequestStep>();
  const [actionError, setActionError] = useState<string>();

  if (id === undefined) return <NotFound id={rawId} />;
  if (!request) {
    if (error && isNotFound(error)) return <NotFound id={rawId} />;
    return (
      <PageShell title={`Deployment request #${id}`}>
        {error ? <ResponseErrorPanel error={error} /> : loading && <Progress />}
      </PageShell>
    );
  }

  const onDecide = (slot: ApprovalSlot, value: ApprovalDecisionValue) =>
    setDecision({
      requestId: request.id,
      requestTitle: request.title,
      slotId: slot.id,
      approvalType: slot.approvalType,
      decision: value,
    });
  const onChanged = (next: DeploymentRequest) => {
    setActionError(undefined);
    replace(next);
  };

  return (
    <PageShell
      title={request.title}
      subtitle={`#${request.id} · deploy to ${request.environment}`}
    >
      <Box display="flex" flexDirection="column" style={{ gap: 16 }} mb={3}>
        {updatedBy && (
          <Alert severity="info" role="status" onClose={dismiss}>
            Updated by {userRefText(updatedBy)}
          </Alert>
        )}
        {actionError && (
          <Alert
            severity="error"
            role="alert"
            onClose={() => setActionError(undefined)}
          >
            {actionError}
          </Alert>
        )}
        {error && (
          <Alert severity="warning">
            Could not refresh this request: {serverErrorMessage(error)}
          </Alert>
        )}
        <Box
          display="flex"
          justifyContent="space-between"
          alignItems="flex-start"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <Box flex="1 1 320px">
            <Typography variant="body2" color="textSecondary" component="div">
              <DeploymentRequestStateChip state={request.state} /> DR #
              {request.id} to <strong>{request.environment}</strong> · created
              by <UserRef entityRef={request.createdBy} />{' '}
              <RelativeTime value={request.createdAt} />
              {request.submittedAt && (
                <>
                  {' '}
                  · submitted <RelativeTime value={request.submittedAt} />
                </>
              )}
              {request.completedAt && (
                <>
                  {' '}
                  · completed <RelativeTime value={request.completedAt} />
                </>
              )}
              {request.clonedFromId && (
                <>
                  {' '}
                  · cloned from{' '}
                  <Link
                    to={deploymentRequestPath(request.clonedFromId)}
                    underline="always"
                  >
                    DR #{request.clonedFromId}
                  </Link>
                </>
              )}
            </Typography>
            {request.description && (
              <Typography
                variant="body1"
                style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}
              >
                {request.description}
              </Typography>
            )}
          </Box>
          <RequestActions
            request={request}
            onChanged={onChanged}
            onError={(e, what) =>
              setActionError(`${what}: ${serverErrorMessage(e)}`)
            }
          />
        </Box>
      </Box>

      <Grid container spacing={3}>
        <Grid item xs={12} md={5}>
          <InfoCard title="Items">
            <Box component="ul" m={0} pl={2} aria-label="Items">
              {request.items.map(item => (
                <Typography component="li" variant="body1" key={item.id}>
                  <EntityRefLink
                    entityRef={item.product}
                    defaultKind="component"
                  >
                    {item.productName}
                  </EntityRefLink>{' '}
                  <strong>{item.version}</strong>
                </Typography>
              ))}
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={7}>
          <ApprovalSlotsCard request={request} onDecide={onDecide} />
        </Grid>
        <Grid item xs={12}>
          <StepsCard request={request} onComplete={setStep} />
        </Grid>
        <Grid item xs={12}>
          <DeploymentProgress request={request} />
        </Grid>
        <Grid item xs={12}>
          <AuditTrail events={request.audit} />
        </Grid>
      </Grid>

      <DecisionDialog
        target={decision}
        onClose={() => setDecision(undefined)}
        onDecided={next => {
          setDecision(undefined);
          onChanged(next);
        }}
      />
      <StepCompletionDialog
        requestId={request.id}
        step={step}
        onClose={() => setStep(undefined)}
        onCompleted={next => {
          setStep(undefined);
          onChanged(next);
        }}
      />
    </PageShell>
  );
}
