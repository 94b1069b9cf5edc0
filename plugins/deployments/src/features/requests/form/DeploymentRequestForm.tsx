import { useMemo, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { DeploymentRequest } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import { toApprovalSlotDrafts } from '../../../components/ApprovalSlotsEditor';
import { fieldErrorText } from '../../../components/formErrors';
import {
  ServerErrorAlert,
  serverErrorMessage,
} from '../../../components/ServerErrorAlert';
import { SlotsAndStepsFields } from '../../../components/SlotsAndStepsFields';
import { ProductOption } from './ProductRefField';
import { RequestItemsSection } from './RequestItemsSection';
import {
  appliesTo,
  initialValues,
  MAX_TITLE_LENGTH,
  problemsOf,
  RequestContents,
  RequestFormValues,
  requestFormResolver,
} from './requestFormValues';
import { TargetEnvironmentField } from './TargetEnvironmentField';
import { TemplatePicker } from './TemplatePicker';

export interface DeploymentRequestFormProps {
  /**
   * Entity refs of the products pre-filled as items: a product's own tab names it, a
   * system's tab its components.
   */
  initialProducts?: string[];
  /** A draft to edit; without it the form creates a new request. */
  request?: DeploymentRequest;
  /** Called with the request as the server answered, after a save or a submit. */
  onSaved: (request: DeploymentRequest) => void;
  onCancel?: () => void;
}

/** Field ids must be unique on the page (labels point at them); a counter per form does. */
let formCount = 0;

/**
 * Create a deployment request (or edit a draft): what to deploy where, who has to approve it,
 * and the steps before and after. A template fills the approvals and steps in; everything
 * stays editable. Saves as a draft or submits for approval. The fields are checked with the
 * shared request schema, the one the server checks the body with.
 */
export function DeploymentRequestForm({
  initialProducts,
  request,
  onSaved,
  onCancel,
}: DeploymentRequestFormProps) {
  const api = useApi(deploymentsApiRef);
  const catalogApi = useApi(catalogApiRef);

  const [id] = useState(() => `deployment-request-form-${++formCount}`);
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

  // The resolver reads the catalog when it checks, as the products arrive after the form opens.
  const catalog = useRef<ProductOption[]>([]);
  catalog.current = products.value ?? [];
  const resolver = useMemo(
    () => requestFormResolver(Boolean(request), () => catalog.current),
    [request],
  );
  const { control, handleSubmit, setValue, getValues, formState } = useForm<
    RequestFormValues,
    unknown,
    RequestContents
  >({
    resolver,
    defaultValues: initialValues(request, initialProducts),
  });
  const environment = useWatch({ control, name: 'environment' });
  const templateId = useWatch({ control, name: 'templateId' });
  const saving = formState.isSubmitting;
  const attempted = formState.isSubmitted;
  const problems = problemsOf(formState.errors);

  /** Sets a field from a choice elsewhere; once a save was tried it is checked again. */
  const change = <K extends 'environment' | 'templateId' | 'description'>(
    name: K,
    value: RequestFormValues[K],
  ) =>
    setValue(name, value as never, {
      shouldDirty: true,
      shouldValidate: attempted,
    });

  const offeredTemplates = (templates.value ?? []).filter(
    template => appliesTo(template, environment) || template.id === templateId,
  );

  const chooseEnvironment = (next: string) => {
    const template = templates.value?.find(t => t.id === templateId);
    if (template && !appliesTo(template, next)) {
      setTemplateNote(
        `Template "${template.name}" does not apply to ${next}; what it filled in stays, edit it as needed.`,
      );
      change('templateId', null);
    }
    change('environment', next);
  };

  const chooseTemplate = (chosenId: number | null) => {
    setTemplateNote(undefined);
    const template = templates.value?.find(t => t.id === chosenId);
    if (!template) {
      change('templateId', null);
      return;
    }
    const options = { shouldDirty: true, shouldValidate: attempted };
    change('templateId', template.id);
    setValue('slots', toApprovalSlotDrafts(template.slots), options);
    setValue('preSteps', template.preSteps.map(s => ({ ...s })), options);
    setValue('postSteps', template.postSteps.map(s => ({ ...s })), options);
    if (!getValues('description').trim())
      change('description', template.description);
    if (template.environments.length === 1)
      change('environment', template.environments[0]);
    setTemplateNote(
      `Approval slots and steps come from "${template.name}"; change them as this request needs.`,
    );
  };

  const send = async (contents: RequestContents, submit: boolean) => {
    setServerError(undefined);
    let updated = false;
    try {
      let saved: DeploymentRequest;
      if (request) {
        saved = await api.updateRequest(request.id, contents);
        updated = true;
        if (submit) saved = await api.submitRequest(request.id);
      } else {
        saved = await api.createRequest({ ...contents, submit });
      }
      onSaved(saved);
    } catch (error) {
      const message = serverErrorMessage(error);
      setServerError(
        updated
          ? `Your changes were saved as a draft, but it could not be submitted: ${message}`
          : message,
      );
    }
  };
  const save = (submit: boolean) =>
    handleSubmit(contents => send(contents, submit))();

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
          <TemplatePicker
            value={templateId}
            templates={offeredTemplates}
            loading={templates.loading}
            error={templates.error}
            note={templateNote}
            disabled={saving}
            onChange={chooseTemplate}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <TargetEnvironmentField
            value={environment}
            environments={environments.value ?? []}
            loading={environments.loading}
            loadError={environments.error}
            error={fieldErrorText(
              formState.errors.environment,
              'environment',
              'Target environment',
            )}
            disabled={saving}
            onChange={chooseEnvironment}
          />
        </Grid>

        <Grid item xs={12}>
          <Controller
            control={control}
            name="title"
            render={({ field, fieldState }) => {
              const error = fieldErrorText(fieldState.error, 'title', 'Title');
              return (
                <TextField
                  fullWidth
                  required
                  id={`${id}-title`}
                  label="Title"
                  value={field.value}
                  inputRef={field.ref}
                  onBlur={field.onBlur}
                  disabled={saving}
                  inputProps={{ maxLength: MAX_TITLE_LENGTH }}
                  onChange={event => field.onChange(event.target.value)}
                  error={Boolean(error)}
                  helperText={error}
                />
              );
            }}
          />
        </Grid>
        <Grid item xs={12}>
          <Controller
            control={control}
            name="description"
            render={({ field, fieldState }) => {
              const error = fieldErrorText(
                fieldState.error,
                'description',
                'Description',
              );
              return (
                <TextField
                  fullWidth
                  multiline
                  minRows={3}
                  id={`${id}-description`}
                  label="Description"
                  value={field.value}
                  inputRef={field.ref}
                  onBlur={field.onBlur}
                  disabled={saving}
                  onChange={event => field.onChange(event.target.value)}
                  error={Boolean(error)}
                  helperText={error}
                />
              );
            }}
          />
        </Grid>

        <Grid item xs={12}>
          <RequestItemsSection
            id={id}
            control={control}
            products={products.value ?? []}
            productsLoading={products.loading}
            productsError={products.error}
            disabled={saving}
          />
        </Grid>

        <Grid item xs={12}>
          <Divider />
        </Grid>
        <SlotsAndStepsFields
          control={control}
          showErrors={attempted}
          disabled={saving}
        />

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
