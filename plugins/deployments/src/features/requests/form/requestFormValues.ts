import {
  CreateDeploymentRequestBody,
  createDeploymentRequestSchema,
  DeploymentRequest,
  DeploymentRequestTemplate,
  StepDefinition,
  updateDeploymentRequestSchema,
} from '@shipgate/plugin-deployments-common';
import type { Control, FieldErrors, Resolver } from 'react-hook-form';
import {
  ApprovalSlotDraft,
  fromApprovalSlotDrafts,
  toApprovalSlotDrafts,
} from '../../../components/ApprovalSlotsEditor';
import { schemaResolver } from '../../../components/formErrors';
import { ProductOption } from './ProductRefField';

export interface ItemDraft {
  product: string;
  version: string;
}

/** The request as it is being edited; `requestBodyOf` turns it into what the API takes. */
export interface RequestFormValues {
  title: string;
  description: string;
  environment: string;
  items: ItemDraft[];
  templateId: number | null;
  slots: ApprovalSlotDraft[];
  preSteps: StepDefinition[];
  postSteps: StepDefinition[];
}

/** A request's contents as the API takes them, checked and trimmed by the shared schema. */
export type RequestContents = Omit<CreateDeploymentRequestBody, 'submit'>;

/** The form's control, as the sections of the form take it. */
export type RequestFormControl = Control<
  RequestFormValues,
  unknown,
  RequestContents
>;

/** The longest title the shared schema takes, for the field's own limit. */
export const MAX_TITLE_LENGTH =
  createDeploymentRequestSchema.innerType().shape.title.maxLength ?? undefined;

export function initialValues(
  request: DeploymentRequest | undefined,
  initialProducts: string[] | undefined,
): RequestFormValues {
  if (request) {
    return {
      title: request.title,
      description: request.description,
      environment: request.environment,
      items: request.items.length
        ? request.items.map(({ product, version }) => ({ product, version }))
        : [{ product: '', version: '' }],
      templateId: request.templateId,
      slots: toApprovalSlotDrafts(request.slots),
      preSteps: request.steps
        .filter(s => s.phase === 'pre')
        .map(({ title, role }) => ({ title, role })),
      postSteps: request.steps
        .filter(s => s.phase === 'post')
        .map(({ title, role }) => ({ title, role })),
    };
  }
  return {
    title: '',
    description: '',
    environment: '',
    items: initialProducts?.length
      ? initialProducts.map(product => ({ product, version: '' }))
      : [{ product: '', version: '' }],
    templateId: null,
    slots: [],
    preSteps: [],
    postSteps: [],
  };
}

/** A template applies to an environment when it names none or names that one. */
export function appliesTo(
  template: DeploymentRequestTemplate,
  environment: string,
) {
  return (
    template.environments.length === 0 ||
    !environment ||
    template.environments.includes(environment)
  );
}

/**
 * A short name the catalog knows (`payment-api`) becomes its full entity ref; anything else
 * goes as typed and the server resolves or refuses it.
 */
export function toProductRef(text: string, catalog: ProductOption[]): string {
  const product = text.trim();
  if (product.includes(':') || product.includes('/')) return product;
  const matches = catalog.filter(
    option =>
      option.name.toLocaleLowerCase('en-US') ===
      product.toLocaleLowerCase('en-US'),
  );
  return matches.length === 1 ? matches[0].ref : product;
}

/** The body the shared schema checks: the form's values with products and counts resolved. */
export function requestBodyOf(
  values: RequestFormValues,
  catalog: ProductOption[],
) {
  return {
    title: values.title,
    description: values.description,
    environment: values.environment,
    templateId: values.templateId,
    items: values.items.map(item => ({
      product: toProductRef(item.product, catalog),
      version: item.version,
    })),
    slots: fromApprovalSlotDrafts(values.slots),
    preSteps: values.preSteps,
    postSteps: values.postSteps,
  };
}

/**
 * Checks the form with the schema the server checks the body with: a new request with
 * createDeploymentRequestSchema, a draft being edited with updateDeploymentRequestSchema.
 * `catalog` is read at each check, as the catalog's products arrive after the form opens.
 */
export function requestFormResolver(
  editing: boolean,
  catalog: () => ProductOption[],
): Resolver<RequestFormValues, unknown, RequestContents> {
  const toBody = (values: RequestFormValues) =>
    requestBodyOf(values, catalog());
  if (!editing) return schemaResolver(createDeploymentRequestSchema, toBody);
  // The form sends every field, so what the update schema passes is the whole contents.
  return schemaResolver(updateDeploymentRequestSchema, toBody) as Resolver<
    RequestFormValues,
    unknown,
    RequestContents
  >;
}

/** The names of the fields that need attention, for the note beside the buttons. */
export function problemsOf(errors: FieldErrors<RequestFormValues>): string[] {
  const problems: string[] = [];
  if (errors.title) problems.push('title');
  if (errors.description) problems.push('description');
  if (errors.environment) problems.push('target environment');
  if (errors.items) problems.push('items');
  if (errors.slots) problems.push('approval slots');
  if (errors.preSteps || errors.postSteps) problems.push('steps');
  return problems;
}
