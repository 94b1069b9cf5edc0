export { EnvironmentCell } from './EnvironmentCell';
export type { EnvironmentCellProps } from './EnvironmentCell';
