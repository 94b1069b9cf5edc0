export { EntityPipelineContent } from './EntityPipelineContent';
export { PipelineGraph } from './PipelineGraph';
export type { PipelineGraphProps } from './PipelineGraph';
