export { EnvironmentsPage } from './EnvironmentsPage';
export { EnvironmentsRoutes } from './EnvironmentsRoutes';
