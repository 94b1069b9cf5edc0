import { ComponentType } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { SidebarItem } from '@backstage/core-components';
import { IconComponent, useApi } from '@backstage/core-plugin-api';
import { Tag, TagGroup } from '@backstage/ui';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { deploymentsApiRef } from '../../api';
import { useDeploymentRequestsRefresh } from '../../hooks/useDeploymentRequestsRefresh';

export interface MyTasksSidebarItemProps {
  to?: string;
  text?: string;
  icon?: IconComponent | ComponentType;
}

/**
 * The My Tasks sidebar item with the number of approvals and steps waiting for the signed-in
 * user, counted again when a deployment request changes. No number when there is nothing to do
 * or the count cannot be read.
 */
export function MyTasksSidebarItem({
  to = '/my-tasks',
  text = 'My Tasks',
  icon = AssignmentTurnedInIcon,
}: MyTasksSidebarItemProps) {
  const api = useApi(deploymentsApiRef);
  const { refreshKey } = useDeploymentRequestsRefresh();
  const tasks = useAsync(() => api.getTasks(), [api, refreshKey]);
  const count = tasks.error ? 0 : tasks.value?.counts.total ?? 0;
  return (
    <SidebarItem to={to} text={text} icon={icon as IconComponent}>
      {count > 0 && (
        <TagGroup aria-label="Open tasks">
          <Tag size="small">{count > 99 ? '99+' : String(count)}</Tag>
        </TagGroup>
      )}
    </SidebarItem>
  );
}
