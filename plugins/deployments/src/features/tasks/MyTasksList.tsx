import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import CheckBoxOutlineBlankIcon from '@material-ui/icons/CheckBoxOutlineBlank';
import GavelIcon from '@material-ui/icons/Gavel';
import {
  ApprovalDecisionValue,
  DEPLOYMENTS_SIGNAL_CHANNEL,
  DeploymentSignal,
  DeploymentRequestSummary,
  Task,
  TaskList,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { useDeploymentRequestsRefresh } from '../../hooks/useDeploymentRequestsRefresh';
import { useSignalRefresh } from '../../hooks/useSignalRefresh';
import { deploymentRequestPath } from '../../routes';
import {
  approvalCountText,
  approvalTypeLabel,
} from '../../components/ApprovalTypeLabel';
import { DecisionButtons } from '../../components/DecisionButtons';
import {
  DecisionDialog,
  DecisionTarget,
} from '../../components/DecisionDialog';
import { RelativeTime } from '../../components/RelativeTime';
import { itemText } from '../../components/RequestItemChips';
import { userRefText } from '../../components/UserRef';
import { PromotionTaskItem } from '../promotions/PromotionTaskItem';
import { DeploymentApprovalTasks } from '../protection/DeploymentApprovalTasks';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `3 approvals, 1 step` (and `, 2 promotions` when there are any). */
export function taskCountsText(counts: TaskList['counts']): string {
  const parts = [
    plural(counts.approvals, 'approval'),
    plural(counts.steps, 'step'),
  ];
  if (counts.promotions) parts.push(plural(counts.promotions, 'promotion'));
  if (counts.deploymentApprovals) {
    parts.push(plural(counts.deploymentApprovals, 'blocked deployment'));
  }
  return parts.join(', ');
}

/** The tasks that belong to a deployment request. */
type RequestTask = Extract<Task, { kind: 'approval' | 'step' }>;

/** `payment-api 1.2.3, web 3.1.0 → production`. */
/** The theme keeps list text on one line; a task's title and products must wrap, not be cut. */
const WRAP = { whiteSpace: 'normal' } as const;

function whatGoesWhere(request: DeploymentRequestSummary): string {
  return `${request.items.map(itemText).join(', ')} → ${request.environment}`;
}

/** The request a task belongs to, underlined: it stands inside the task's sentence. */
function RequestLink({ request }: { request: DeploymentRequestSummary }) {
  return (
    <Link to={deploymentRequestPath(request.id)} underline="always">
      DR #{request.id} ‘{request.title}’
    </Link>
  );
}

function TaskDetails({
  request,
  extra,
}: {
  request: DeploymentRequestSummary;
  extra?: string;
}) {
  return (
    <>
      {extra && `${extra} · `}requested by {userRefText(request.createdBy)} ·
      updated <RelativeTime value={request.updatedAt} />
    </>
  );
}

function TaskItem({
  task,
  onDecide,
}: {
  task: RequestTask;
  onDecide: (
    task: Extract<Task, { kind: 'approval' }>,
    decision: ApprovalDecisionValue,
  ) => void;
}) {
  const { request } = task;
  if (task.kind === 'approval') {
    const label = approvalTypeLabel(task.slot.approvalType);
    return (
      <ListItem divider>
        <ListItemIcon>
          <GavelIcon />
        </ListItemIcon>
        <ListItemText
          style={WRAP}
          primary={
            <>
              Approve {label} for <RequestLink request={request} /> (
              {whatGoesWhere(request)})
            </>
          }
          secondary={
            <TaskDetails
              request={request}
              extra={approvalCountText(
                task.slot.approvals,
                task.slot.requiredCount,
              )}
            />
          }
        />
        <DecisionButtons
          what={`${label} for DR #${request.id}`}
          onDecide={decision => onDecide(task, decision)}
          ml={2}
        />
      </ListItem>
    );
  }
  return (
    <ListItem divider>
      <ListItemIcon>
        <CheckBoxOutlineBlankIcon />
      </ListItemIcon>
      <ListItemText
        style={WRAP}
        primary={
          <>
            Complete {task.step.phase === 'pre' ? 'pre-step' : 'post-step'} ‘
            {task.step.title}’ of <RequestLink request={request} />
          </>
        }
        secondary={
          <TaskDetails request={request} extra={whatGoesWhere(request)} />
        }
      />
    </ListItem>
  );
}

export interface MyTasksListProps {
  /** Entity ref of a product, to list only its tasks; every product's when absent. */
  product?: string;
}

/**
 * What the signed-in user can act on now: approval slots they may decide (approve or reject
 * right here), steps they may complete (on the request's page) and promotions they may
 * approve or deploy (reviewed and decided right here). Reloads when any request changes.
 */
export function MyTasksList({ product }: MyTasksListProps) {
  const api = useApi(deploymentsApiRef);
  const { refreshKey, refresh } = useDeploymentRequestsRefresh();
  const [decision, setDecision] = useState<DecisionTarget>();
  // Blocked deployments come and go with deployment events (blocked, approved, given up).
  const deploymentsChanged = useSignalRefresh<DeploymentSignal>(
    DEPLOYMENTS_SIGNAL_CHANNEL,
    signal => ['blocked', 'created', 'failed', 'canceled'].includes(signal.status),
  );
  const tasks = useAsync(
    () => api.getTasks({ product }),
    [api, product, refreshKey, deploymentsChanged.refreshKey],
  );

  if (tasks.error) return <ResponseErrorPanel error={tasks.error} />;
  if (!tasks.value) return <Progress />;

  const { counts } = tasks.value;
  const approvals = tasks.value.tasks.filter(t => t.kind === 'approval');
  const steps = tasks.value.tasks.filter(t => t.kind === 'step');
  const promotions = tasks.value.tasks.flatMap(t =>
    t.kind === 'promotion' ? [t.promotion] : [],
  );
  const blockedDeployments = tasks.value.tasks.flatMap(t =>
    t.kind === 'deployment_approval' ? [t] : [],
  );

  if (tasks.value.tasks.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="Nothing needs you right now"
        description={
          product
            ? 'Approvals you may give, steps you may complete and promotions you may approve or deploy for this product appear here.'
            : 'Approvals you may give, steps you may complete and promotions you may approve or deploy appear here.'
        }
      />
    );
  }

  const onDecide = (
    task: Extract<Task, { kind: 'approval' }>,
    value: ApprovalDecisionValue,
  ) =>
    setDecision({
      requestId: task.request.id,
      requestTitle: task.request.title,
      slotId: task.slot.id,
      approvalType: task.slot.approvalType,
      decision: value,
    });

  return (
    <>
      <InfoCard title={taskCountsText(counts)} subheader="Waiting for you">
        {approvals.length > 0 && (
          <Box component="section" aria-label="Approvals" mb={2}>
            <Typography variant="subtitle1" component="h3">
              Approvals
            </Typography>
            <List dense disablePadding>
              {approvals.map(task => (
                <TaskItem
                  key={`approval-${task.kind === 'approval' && task.slot.id}`}
                  task={task}
                  onDecide={onDecide}
                />
              ))}
            </List>
          </Box>
        )}
        {steps.length > 0 && (
          <Box component="section" aria-label="Steps">
            <Typography variant="subtitle1" component="h3">
              Steps
            </Typography>
            <List dense disablePadding>
              {steps.map(task => (
                <TaskItem
                  key={`step-${task.kind === 'step' && task.step.id}`}
                  task={task}
                  onDecide={onDecide}
                />
              ))}
            </List>
          </Box>
        )}
        {promotions.length > 0 && (
          <Box component="section" aria-label="Promotions" mt={2}>
            <Typography variant="subtitle1" component="h3">
              Promotions
            </Typography>
            <List dense disablePadding>
              {promotions.map(promotion => (
                <PromotionTaskItem
                  key={`promotion-${promotion.id}`}
                  promotion={promotion}
                  onChanged={refresh}
                />
              ))}
            </List>
          </Box>
        )}
        {blockedDeployments.length > 0 && (
          <DeploymentApprovalTasks
            tasks={blockedDeployments}
            onChanged={refresh}
          />
        )}
      </InfoCard>
      <DecisionDialog
        target={decision}
        onClose={() => setDecision(undefined)}
        onDecided={() => {
          setDecision(undefined);
          refresh();
        }}
      />
    </>
  );
}
