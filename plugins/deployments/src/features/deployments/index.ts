export { DeploymentsPage } from './DeploymentsPage';
export { EntityDeploymentsContent } from './EntityDeploymentsContent';
export { DeploymentHistoryTable } from './history/DeploymentHistoryTable';
export type { DeploymentHistoryTableProps } from './history/DeploymentHistoryTable';
export { DeploymentStatusLabel } from './history/DeploymentStatusLabel';
export { EnvironmentCell } from './matrix/EnvironmentCell';
export type { EnvironmentCellProps } from './matrix/EnvironmentCell';
export { EnvironmentMatrix } from './matrix/EnvironmentMatrix';
export type {
  EnvironmentMatrixProps,
  EnvironmentMatrixFilter,
} from './matrix/EnvironmentMatrix';
export { RecordDeploymentHint } from './matrix/RecordDeploymentHint';
export type { RecordDeploymentHintProps } from './matrix/RecordDeploymentHint';
