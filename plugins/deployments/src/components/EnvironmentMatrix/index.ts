export { EnvironmentMatrix } from './EnvironmentMatrix';
export type {
  EnvironmentMatrixProps,
  EnvironmentMatrixFilter,
} from './EnvironmentMatrix';
