export { TemplatesPage } from './TemplatesPage';
export { TemplateForm } from './TemplateForm';
export type { TemplateFormProps } from './TemplateForm';
