export { MyTasksList, taskCountsText } from './MyTasksList';
export type { MyTasksListProps } from './MyTasksList';
export { MyTasksPage } from './MyTasksPage';
export { EntityMyTasksContent } from './EntityMyTasksContent';
export { MyTasksSidebarItem } from './MyTasksSidebarItem';
export type { MyTasksSidebarItemProps } from './MyTasksSidebarItem';
