export { DeploymentHistoryTable } from './DeploymentHistoryTable';
export type { DeploymentHistoryTableProps } from './DeploymentHistoryTable';
