export { StepListEditor, hasStepErrors, stepErrors } from './StepListEditor';
export type { StepListEditorProps } from './StepListEditor';
