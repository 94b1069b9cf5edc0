import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { SidebarLogo } from './SidebarLogo';
import MenuIcon from '@material-ui/icons/Menu';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { MyTasksSidebarItem } from '@shipgate/plugin-deployments/alpha';

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: ({ navItems }) => {
      // My Tasks carries the number of tasks waiting, as Notifications does.
      const myTasks = navItems.take('page:deployments/my-tasks');
      // Its title does not fit the sidebar's label: shown as "Requests" under Deployments,
      // and named in full for assistive technology (the visible text is part of the name).
      const requests = navItems.take('page:deployments/deployment-requests');
      const nav = navItems.withComponent(item => (
        <SidebarItem icon={() => item.icon} to={item.href} text={item.title} />
      ));

      nav.take('page:notifications'); // Using NotificationsSidebarItem manually instead

      return (
        <Sidebar>
          <SidebarLogo />
          <SidebarGroup label="Menu" icon={<MenuIcon />}>
            {nav.take('page:catalog')}
            {nav.take('page:deployments')}
            {requests && (
              <SidebarItem
                icon={() => requests.icon}
                to={requests.href}
                text="Requests"
                aria-label={requests.title}
              />
            )}
            <SidebarDivider />
            <SidebarScrollWrapper>
              {nav.rest({ sortBy: 'title' })}
              {myTasks && (
                <MyTasksSidebarItem
                  to={myTasks.href}
                  text={myTasks.title}
                  icon={() => myTasks.icon}
                />
              )}
            </SidebarScrollWrapper>
          </SidebarGroup>
          <SidebarSpace />
          <SidebarDivider />
          <NotificationsSidebarItem />
          <SidebarDivider />
          <SidebarGroup
            label="Settings"
            icon={<UserSettingsSignInAvatar />}
            to="/settings"
          >
            {nav.take('page:user-settings')}
          </SidebarGroup>
        </Sidebar>
      );
    },
  },
});
