import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  CreateDeploymentRequestBody,
  DeploymentRequest,
  DeploymentRequestTemplate,
  Environment,
  UpdateDeploymentRequestBody,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import {
  ApprovalSlotDraft,
  ApprovalSlotsEditor,
  fromApprovalSlotDrafts,
  hasApprovalSlotErrors,
  toApprovalSlotDrafts,
} from '../../../components/ApprovalSlotsEditor';
import {
  ServerErrorAlert,
  serverErrorMessage,
} from '../../../components/ServerErrorAlert';
import {
  hasStepErrors,
  StepListEditor,
} from '../../../components/StepListEditor';
import { ProductOption, ProductRefField } from './ProductRefField';

export interface DeploymentRequestFormProps {
  /** Entity ref of the product pre-filled in the first item (a product's own tab). */
  initialProduct?: string;
  /** A draft to edit; without it the form creates a new request. */
  request?: DeploymentRequest;
  /** Called with the request as the server answered, after a save or a submit. */
  onSaved: (request: DeploymentRequest) => void;
  onCancel?: () => void;
}

interface ItemDraft {
  product: string;
  version: string;
}

interface FormValues {
  title: string;
  description: string;
  environment: string;
  items: ItemDraft[];
  templateId: number | null;
  approvalSlots: ApprovalSlotDraft[];
  preSteps: string[];
  postSteps: string[];
}

interface FormErrors {
  title?: string;
  environment?: string;
  items: Array<{ product?: string; version?: string }>;
  /** Slot and step problems show inside their editors; these only block the save. */
  approvalSlots: boolean;
  steps: boolean;
}

const MAX_TITLE_LENGTH = 200;

/** Field ids must be unique on the page (labels point at them); a counter per form does. */
let formCount = 0;

function initialValues(
  request: DeploymentRequest | undefined,
  initialProduct: string | undefined,
): FormValues {
  if (request) {
    return {
      title: request.title,
      description: request.description,
      environment: request.environment,
      items: request.items.length
        ? request.items.map(({ product, version }) => ({ product, version }))
        : [{ product: '', version: '' }],
      templateId: request.templateId,
      approvalSlots: toApprovalSlotDrafts(request.slots),
      preSteps: request.steps.filter(s => s.phase === 'pre').map(s => s.title),
      postSteps: request.steps
        .filter(s => s.phase === 'post')
        .map(s => s.title),
    };
  }
  return {
    title: '',
    description: '',
    environment: '',
    items: [{ product: initialProduct ?? '', version: '' }],
    templateId: null,
    approvalSlots: [],
    preSteps: [],
    postSteps: [],
  };
}

/** The rules of createDeploymentRequestSchema, said to a person next to the field. */
function validate(values: FormValues): FormErrors {
  const errors: FormErrors = {
    items: values.items.map(item => ({
      product: item.product.trim() ? undefined : 'Product is required',
      version: item.version.trim() ? undefined : 'Version is required',
    })),
    approvalSlots: hasApprovalSlotErrors(values.approvalSlots),
    steps: hasStepErrors(values.preSteps) || hasStepErrors(values.postSteps),
  };
  if (!values.title.trim()) errors.title = 'Title is required';
  else if (values.title.trim().length > MAX_TITLE_LENGTH)
    errors.title = `Title may have at most ${MAX_TITLE_LENGTH} characters`;
  if (!values.environment.trim())
    errors.environment = 'Target environment is required';
  return errors;
}

/** The names of the fields that need attention, for the note beside the buttons. */
function problemsOf(errors: FormErrors): string[] {
  const problems: string[] = [];
  if (errors.title) problems.push('title');
  if (errors.environment) problems.push('target environment');
  if (errors.items.some(item => item.product || item.version))
    problems.push('items');
  if (errors.approvalSlots) problems.push('approval slots');
  if (errors.steps) problems.push('steps');
  return problems;
}

/** A template applies to an environment when it names none or names that one. */
function appliesTo(template: DeploymentRequestTemplate, environment: string) {
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
function toProductRef(text: string, catalog: ProductOption[]): string {
  const product = text.trim();
  if (product.includes(':') || product.includes('/')) return product;
  const matches = catalog.filter(
    option =>
      option.name.toLocaleLowerCase('en-US') ===
      product.toLocaleLowerCase('en-US'),
  );
  return matches.length === 1 ? matches[0].ref : product;
}

/**
 * Create a deployment request (or edit a draft): what to deploy where, who has to approve it,
 * and the steps before and after. A template fills the approvals and steps in; everything
 * stays editable. Saves as a draft or submits for approval.
 */
export function DeploymentRequestForm({
  initialProduct,
  request,
  onSaved,
  onCancel,
}: DeploymentRequestFormProps) {
  const api = useApi(deploymentsApiRef);
  const catalogApi = useApi(catalogApiRef);

  const [values, setValues] = useState<FormValues>(() =>
    initialValues(request, initialProduct),
  );
  const [id] = useState(() => `deployment-request-form-${++formCount}`);
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();
  const [templateNote, setTemplateNote] = useState<string>();

  const environments = useAsync(
    async () =>
      [...(await api.listEnvironments())].sort((a, b) => a.order - b.order),
    [api],
  );
  const templates = useAsync(() => api.listTemplates(), [api]);
  const products = useAsync(async (): Promise<ProductOption[]> => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'component' },
      fields: ['metadata.name', 'metadata.title', 'metadata.namespace', 'kind'],
    });
    return items.map(entity => ({
      ref: stringifyEntityRef(entity),
      name: entity.metadata.name,
      title: entity.metadata.title ?? entity.metadata.name,
    }));
  }, [catalogApi]);

  const errors = useMemo(() => validate(values), [values]);
  const shown: FormErrors = attempted
    ? errors
    : { items: [], approvalSlots: false, steps: false };
  const problems = problemsOf(errors);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues(current => ({ ...current, [key]: value }));

  const offeredTemplates = (templates.value ?? []).filter(
    template =>
      appliesTo(template, values.environment) ||
      template.id === values.templateId,
  );

  const chooseEnvironment = (environment: string) => {
    const template = templates.value?.find(t => t.id === values.templateId);
    if (template && !appliesTo(template, environment)) {
      setTemplateNote(
        `Template "${template.name}" does not apply to ${environment}; what it filled in stays, edit it as needed.`,
      );
      setValues(current => ({ ...current, environment, templateId: null }));
      return;
    }
    set('environment', environment);
  };

  const chooseTemplate = (templateId: number | null) => {
    setTemplateNote(undefined);
    const template = templates.value?.find(t => t.id === templateId);
    if (!template) {
      set('templateId', null);
      return;
    }
    setValues(current => ({
      ...current,
      templateId: template.id,
      approvalSlots: toApprovalSlotDrafts(template.approvalSlots),
      preSteps: [...template.preSteps],
      postSteps: [...template.postSteps],
      description: current.description.trim()
        ? current.description
        : template.description,
      environment:
        template.environments.length === 1
          ? template.environments[0]
          : current.environment,
    }));
    setTemplateNote(
      `Approval slots and steps come from "${template.name}"; change them as this request needs.`,
    );
  };

  const bodyOf = (): Required<UpdateDeploymentRequestBody> => ({
    title: values.title.trim(),
    description: values.description,
    environment: values.environment.trim(),
    templateId: values.templateId,
    items: values.items.map(item => ({
      product: toProductRef(item.product, products.value ?? []),
      version: item.version.trim(),
    })),
    approvalSlots: fromApprovalSlotDrafts(values.approvalSlots),
    preSteps: values.preSteps.map(step => step.trim()),
    postSteps: values.postSteps.map(step => step.trim()),
  });

  const save = async (submit: boolean) => {
    setAttempted(true);
    if (problems.length > 0) return;
    setSaving(true);
    setServerError(undefined);
    let updated = false;
    try {
      let saved: DeploymentRequest;
      if (request) {
        saved = await api.updateRequest(request.id, bodyOf());
        updated = true;
        if (submit) saved = await api.submitRequest(request.id);
      } else {
        const body: CreateDeploymentRequestBody = { ...bodyOf(), submit };
        saved = await api.createRequest(body);
      }
      setSaving(false);
      onSaved(saved);
    } catch (error) {
      const message = serverErrorMessage(error);
      setServerError(
        updated
          ? `Your changes were saved as a draft, but it could not be submitted: ${message}`
          : message,
      );
      setSaving(false);
    }
  };

  const environmentChoices: Environment[] = environments.value ?? [];
  const knownEnvironment =
    !values.environment ||
    environmentChoices.some(env => env.name === values.environment);

  return (
    <form
      noValidate
      aria-label={
        request
          ? `Edit deployment request #${request.id}`
          : 'New deployment request'
      }
      onSubmit={event => event.preventDefault()}
    >
      <Grid container spacing={3}>
        {serverError && (
          <Grid item xs={12}>
            <ServerErrorAlert
              error={new Error(serverError)}
              prefix={
                request
                  ? 'Could not save the request'
                  : 'Could not create the request'
              }
              onClose={() => setServerError(undefined)}
            />
          </Grid>
        )}

        <Grid item xs={12} md={6}>
          <TextField
            select={!templates.error}
            fullWidth
            label="Template"
            value={values.templateId ?? ''}
            disabled={saving || templates.loading || Boolean(templates.error)}
            onChange={event =>
              chooseTemplate(
                event.target.value === '' ? null : Number(event.target.value),
              )
            }
            helperText={
              templates.error
                ? `Templates could not be loaded: ${templates.error.message}`
                : templateNote ??
                  'Pre-fills approval slots and steps; only templates for the chosen environment are offered.'
            }
            SelectProps={{ SelectDisplayProps: { 'aria-label': 'Template' } }}
          >
            <MenuItem value="">
              <em>None (start blank)</em>
            </MenuItem>
            {offeredTemplates.map(template => (
              <MenuItem key={template.id} value={template.id}>
                {template.name}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={12} md={6}>
          <TextField
            select={!environments.error}
            fullWidth
            required
            label="Target environment"
            value={values.environment}
            disabled={saving || environments.loading}
            onChange={event => chooseEnvironment(event.target.value)}
            error={Boolean(shown.environment)}
            helperText={
              shown.environment ??
              (environments.error
                ? `Environments could not be listed (${environments.error.message}); type the environment's name.`
                : undefined)
            }
            SelectProps={{
              SelectDisplayProps: { 'aria-label': 'Target environment' },
            }}
          >
            {!knownEnvironment && (
              <MenuItem value={values.environment}>
                {values.environment}
              </MenuItem>
            )}
            {environmentChoices.map(env => (
              <MenuItem key={env.name} value={env.name}>
                {env.title || env.name}
              </MenuItem>
            ))}
          </TextField>
        </Grid>

        <Grid item xs={12}>
          <TextField
            fullWidth
            required
            id={`${id}-title`}
            label="Title"
            value={values.title}
            disabled={saving}
            inputProps={{ maxLength: MAX_TITLE_LENGTH }}
            onChange={event => set('title', event.target.value)}
            error={Boolean(shown.title)}
            helperText={shown.title}
          />
        </Grid>
        <Grid item xs={12}>
          <TextField
            fullWidth
            multiline
            minRows={3}
            id={`${id}-description`}
            label="Description"
            value={values.description}
            disabled={saving}
            onChange={event => set('description', event.target.value)}
          />
        </Grid>

        <Grid item xs={12}>
          <Typography variant="h6">What to deploy</Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            One or more products and the version of each; they go through one
            approval flow.
          </Typography>
          {values.items.map((item, index) => (
            <Box
              // Rows have no identity of their own; every field in them is controlled.
              key={index}
              display="flex"
              alignItems="flex-start"
              mb={1}
              data-testid="deployment-request-item"
            >
              <Box flex={2} mr={2}>
                <ProductRefField
                  id={`${id}-product-${index}`}
                  label={`Product ${index + 1}`}
                  value={item.product}
                  options={products.value ?? []}
                  loading={products.loading}
                  disabled={saving}
                  error={shown.items[index]?.product}
                  onChange={product =>
                    set(
                      'items',
                      values.items.map((it, i) =>
                        i === index ? { ...it, product } : it,
                      ),
                    )
                  }
                />
              </Box>
              <Box flex={1} mr={1}>
                <TextField
                  fullWidth
                  required
                  id={`${id}-version-${index}`}
                  label={`Version ${index + 1}`}
                  value={item.version}
                  disabled={saving}
                  onChange={event =>
                    set(
                      'items',
                      values.items.map((it, i) =>
                        i === index
                          ? { ...it, version: event.target.value }
                          : it,
                      ),
                    )
                  }
                  error={Boolean(shown.items[index]?.version)}
                  helperText={shown.items[index]?.version}
                />
              </Box>
              <Tooltip
                title={
                  values.items.length === 1
                    ? 'A request deploys at least one product'
                    : 'Remove'
                }
              >
                <span>
                  <IconButton
                    aria-label={`Remove item ${index + 1}`}
                    disabled={saving || values.items.length === 1}
                    onClick={() =>
                      set(
                        'items',
                        values.items.filter((_, i) => i !== index),
                      )
                    }
                  >
                    <DeleteIcon />
                  </IconButton>
                </span>
              </Tooltip>
            </Box>
          ))}
          <Button
            size="small"
            startIcon={<AddIcon />}
            disabled={saving}
            onClick={() =>
              set('items', [...values.items, { product: '', version: '' }])
            }
          >
            Add product
          </Button>
          {products.error && (
            <Typography variant="caption" color="textSecondary" component="p">
              The catalog could not be searched ({products.error.message}); type
              entity refs such as component:default/payment-api.
            </Typography>
          )}
        </Grid>

        <Grid item xs={12}>
          <Divider />
        </Grid>
        <Grid item xs={12}>
          <Typography variant="h6">Approval slots</Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            Who has to approve: an approval type and how many approvals of it.
          </Typography>
          <ApprovalSlotsEditor
            value={values.approvalSlots}
            onChange={slots => set('approvalSlots', slots)}
            disabled={saving}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="h6">Pre-deployment steps</Typography>
          <StepListEditor
            itemLabel="Pre-deployment step"
            value={values.preSteps}
            onChange={steps => set('preSteps', steps)}
            showErrors={attempted}
            disabled={saving}
            emptyText="None."
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <Typography variant="h6">Post-deployment steps</Typography>
          <StepListEditor
            itemLabel="Post-deployment step"
            value={values.postSteps}
            onChange={steps => set('postSteps', steps)}
            showErrors={attempted}
            disabled={saving}
            emptyText="None."
          />
        </Grid>

        <Grid item xs={12}>
          <Box
            display="flex"
            alignItems="center"
            flexWrap="wrap"
            style={{ gap: 8 }}
          >
            <Button
              variant="contained"
              color="primary"
              disabled={saving}
              onClick={() => save(true)}
            >
              Submit for approval
            </Button>
            <Button
              variant="outlined"
              disabled={saving}
              onClick={() => save(false)}
            >
              Save draft
            </Button>
            {onCancel && (
              <Button disabled={saving} onClick={onCancel}>
                Cancel
              </Button>
            )}
            {saving && (
              <Typography variant="body2" color="textSecondary">
                Saving…
              </Typography>
            )}
            {attempted && problems.length > 0 && (
              <Typography variant="body2" color="error" role="status">
                Check the {problems.join(', ')} before saving.
              </Typography>
            )}
          </Box>
        </Grid>
      </Grid>
    </form>
  );
}
