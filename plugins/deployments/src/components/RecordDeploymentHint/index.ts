export { RecordDeploymentHint } from './RecordDeploymentHint';
export type { RecordDeploymentHintProps } from './RecordDeploymentHint';
