import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import { DeploymentStatus } from '@shipgate/plugin-deployments-common';
import { ComponentType, PropsWithChildren } from 'react';

const STATUS_VIEWS: Record<
  DeploymentStatus,
  { Icon: ComponentType<PropsWithChildren<{}>>; label: string }
> = {
  created: { Icon: StatusPending, label: 'Created' },
  blocked: { Icon: StatusPending, label: 'Blocked' },
  running: { Icon: StatusRunning, label: 'Running' },
  success: { Icon: StatusOK, label: 'Success' },
  failed: { Icon: StatusError, label: 'Failed' },
  canceled: { Icon: StatusAborted, label: 'Canceled' },
};

/** Words that explain a status to someone who does not know GitLab's vocabulary. */
const STATUS_HINTS: Record<DeploymentStatus, string> = {
  created: 'Queued, not started yet',
  blocked: 'Waiting for approval',
  running: 'In progress',
  success: 'Deployed',
  failed: 'The deployment failed',
  canceled: 'Canceled before it finished',
};

/** The Backstage status indicator and the name of a deployment status. */
export function DeploymentStatusLabel({
  status,
}: {
  status: DeploymentStatus;
}) {
  const view = STATUS_VIEWS[status];
  if (!view) return <>{status}</>;
  const { Icon, label } = view;
  return (
    <span title={STATUS_HINTS[status]}>
      <Icon>{label}</Icon>
    </span>
  );
}
