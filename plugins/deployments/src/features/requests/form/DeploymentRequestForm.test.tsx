import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { DeploymentRequestTemplate } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import {
  deploymentRequest,
  fakeDeploymentsApi,
  template,
} from '../../../testing/fakeDeploymentsApi';
import {
  DeploymentRequestForm,
  DeploymentRequestFormProps,
} from './DeploymentRequestForm';
import { serverRefusal } from '../../../testing/serverRefusal';

function component(name: string, title?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
    spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
  };
}

const catalogEntities = [
  component('payment-api', 'Payment API'),
  component('web-frontend'),
];

const releaseTemplate = template();

const stagingTemplate: DeploymentRequestTemplate = {
  ...releaseTemplate,
  id: 6,
  name: 'Staging check',
  description: '',
  environments: ['staging'],
  slots: [{ approvalType: 'code_review', requiredCount: 1 }],
  preSteps: [],
  postSteps: [],
};

const anywhereTemplate: DeploymentRequestTemplate = {
  ...stagingTemplate,
  id: 7,
  name: 'Hotfix',
  environments: [],
};

async function renderForm(
  api: ReturnType<typeof fakeDeploymentsApi>,
  props: Partial<DeploymentRequestFormProps> = {},
) {
  const onSaved = jest.fn();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: catalogEntities })],
      ]}
    >
      <DeploymentRequestForm onSaved={onSaved} {...props} />
    </TestApiProvider>,
  );
  return { onSaved };
}

let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  // No pause between keystrokes: MUI fields are slow enough to type into.
  user = userEvent.setup({ delay: null });
});

/** Puts text into a field in one input event, as a paste does. */
async function fill(field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

async function pick(selectName: string, optionName: string) {
  await user.click(screen.getByRole('button', { name: selectName }));
  const listbox = await screen.findByRole('listbox');
  await user.click(within(listbox).getByRole('option', { name: optionName }));
}

/** A text field by its label; required fields carry an asterisk after it. */
function textbox(name: string) {
  return screen.getByRole('textbox', {
    name: new RegExp(`^${name}(\\s\\*)?$`),
  });
}

function stepFields(label: string) {
  return screen
    .queryAllByRole('textbox', { name: new RegExp(`^${label} \\d+$`) })
    .map(field => (field as HTMLInputElement).value);
}

function slotRows() {
  return screen.queryAllByTestId('approval-slot-row').map(row => ({
    type: within(row).getByRole('button', { name: /^Approval type/ })
      .textContent,
    count: (within(row).getByRole('spinbutton') as HTMLInputElement).value,
  }));
}

describe('DeploymentRequestForm', () => {
  it('pre-fills the first item with the product it was opened for', async () => {
    const api = fakeDeploymentsApi();
    await renderForm(api, {
      initialProducts: ['component:default/payment-api'],
    });
    expect(textbox('Product 1')).toHaveValue('component:default/payment-api');
    expect(textbox('Version 1')).toHaveValue('');
  });

  it('fills approval slots, steps, description and environment from the chosen template', async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockResolvedValue([releaseTemplate, stagingTemplate]);
    await renderForm(api);

    await pick('Template', 'Production release');

    expect(slotRows()).toEqual([
      { type: 'QA', count: '1' },
      { type: 'Security', count: '2' },
    ]);
    expect(stepFields('Pre-deployment step')).toEqual([
      'Run smoke tests',
      'Verify migrations',
    ]);
    expect(stepFields('Post-deployment step')).toEqual([
      'Check health dashboards',
    ]);
    expect(screen.getByLabelText('Description')).toHaveValue(
      'Standard production release checklist',
    );
    expect(
      screen.getByRole('button', { name: 'Target environment' }),
    ).toHaveTextContent('Production');

    // Everything stays editable.
    await user.clear(textbox('Pre-deployment step 1'));
    await fill(textbox('Pre-deployment step 1'), 'Run the full suite');
    await user.click(
      screen.getByRole('button', { name: 'Remove approval slot 2' }),
    );
    expect(stepFields('Pre-deployment step')).toEqual([
      'Run the full suite',
      'Verify migrations',
    ]);
    expect(slotRows()).toEqual([{ type: 'QA', count: '1' }]);
  });

  it("keeps the user's description when a template is chosen", async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockResolvedValue([releaseTemplate]);
    await renderForm(api);
    await fill(screen.getByLabelText('Description'), 'Ships the new ledger');
    await pick('Template', 'Production release');
    expect(screen.getByLabelText('Description')).toHaveValue(
      'Ships the new ledger',
    );
  });

  it('offers only the templates that apply to the chosen environment', async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockResolvedValue([
      releaseTemplate,
      stagingTemplate,
      anywhereTemplate,
    ]);
    await renderForm(api);

    await pick('Target environment', 'Staging');
    await user.click(screen.getByRole('button', { name: 'Template' }));
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['None (start blank)', 'Staging check', 'Hotfix']);
  });

  it('removes the chosen product row and keeps the others as they were', async () => {
    const api = fakeDeploymentsApi();
    await renderForm(api, {
      initialProducts: ['component:default/payment-api'],
    });
    await fill(textbox('Version 1'), '1.0.0');
    await user.click(screen.getByRole('button', { name: 'Add product' }));
    await fill(textbox('Product 2'), 'component:default/web-frontend');
    await fill(textbox('Version 2'), '3.1.0');

    await user.click(screen.getByRole('button', { name: 'Remove item 1' }));

    expect(screen.getAllByTestId('deployment-request-item')).toHaveLength(1);
    expect(textbox('Product 1')).toHaveValue('component:default/web-frontend');
    expect(textbox('Version 1')).toHaveValue('3.1.0');
    expect(
      screen.getByRole('button', { name: 'Remove item 1' }),
    ).toBeDisabled();
  });

  it('blocks a save without a title or a complete item and names the fields', async () => {
    const api = fakeDeploymentsApi();
    await renderForm(api);

    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    expect(await screen.findByText('Title is required')).toBeInTheDocument();
    expect(screen.getByText('Product is required')).toBeInTheDocument();
    expect(screen.getByText('Version is required')).toBeInTheDocument();
    expect(
      screen.getByText('Target environment is required'),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'Check the title, target environment, items before saving.',
    );
    expect(api.createRequest).not.toHaveBeenCalled();
  });

  it('refuses the same approval type twice, inline, and does not save', async () => {
    const api = fakeDeploymentsApi();
    await renderForm(api);
    await user.click(screen.getByRole('button', { name: 'Add approval slot' }));
    await user.click(screen.getByRole('button', { name: 'Add approval slot' }));
    await pick('Approval type 2', 'Code review');

    expect(
      screen.getByText(
        'Code review is already a slot; raise its required count instead',
      ),
    ).toBeInTheDocument();

    await user.clear(
      screen.getByRole('spinbutton', { name: 'Required count 1' }),
    );
    await fill(
      screen.getByRole('spinbutton', { name: 'Required count 1' }),
      '0',
    );
    expect(
      screen.getByText('Required count must be a whole number of at least 1'),
    ).toBeInTheDocument();

    await user.click(
      screen.getByRole('button', { name: 'Submit for approval' }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('approval slots');
    expect(api.createRequest).not.toHaveBeenCalled();
  });

  it('submits a two-product request with its slots, steps and template', async () => {
    const api = fakeDeploymentsApi();
    api.listTemplates.mockResolvedValue([releaseTemplate]);
    const created = deploymentRequest({ id: 42 });
    api.createRequest.mockResolvedValue(created);
    const { onSaved } = await renderForm(api, {
      initialProducts: ['component:default/payment-api'],
    });

    await fill(textbox('Title'), 'Release 2.0');
    await pick('Template', 'Production release');
    await fill(textbox('Version 1'), '2.0.0');
    await user.click(screen.getByRole('button', { name: 'Add product' }));
    // A short name the catalog knows is stored as its full entity ref.
    await fill(textbox('Product 2'), 'web-frontend');
    await fill(textbox('Version 2'), '3.1.0');
    await user.click(
      screen.getByRole('button', { name: 'Add post-deployment step' }),
    );
    await fill(textbox('Post-deployment step 2'), 'Update the status page');

    await user.click(
      screen.getByRole('button', { name: 'Submit for approval' }),
    );

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(created));
    expect(api.createRequest).toHaveBeenCalledWith({
      title: 'Release 2.0',
      description: 'Standard production release checklist',
      environment: 'production',
      items: [
        { product: 'component:default/payment-api', version: '2.0.0' },
        { product: 'component:default/web-frontend', version: '3.1.0' },
      ],
      slots: [
        { approvalType: 'qa', requiredCount: 1 },
        { approvalType: 'security', requiredCount: 2 },
      ],
      preSteps: [
        { title: 'Run smoke tests', role: null },
        { title: 'Verify migrations', role: null },
      ],
      postSteps: [
        { title: 'Check health dashboards', role: 'sre' },
        { title: 'Update the status page', role: null },
      ],
      templateId: 5,
      submit: true,
    });
  });

  it('saves a draft with submit false and picks a product from the catalog suggestions', async () => {
    const api = fakeDeploymentsApi();
    api.createRequest.mockResolvedValue(
      deploymentRequest({ id: 43, state: 'draft' }),
    );
    const { onSaved } = await renderForm(api);

    await fill(textbox('Title'), 'Try it');
    await pick('Target environment', 'Staging');
    await fill(textbox('Product 1'), 'Payment');
    await user.click(await screen.findByText('Payment API'));
    await fill(textbox('Version 1'), '1.0.1');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.createRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        environment: 'staging',
        items: [{ product: 'component:default/payment-api', version: '1.0.1' }],
        templateId: null,
        submit: false,
      }),
    );
  });

  it("shows the server's message and keeps what the user typed", async () => {
    const api = fakeDeploymentsApi();
    api.createRequest.mockRejectedValue(
      await serverRefusal(
        400,
        'InputError',
        'unknown product component:default/nope',
      ),
    );
    const { onSaved } = await renderForm(api, {
      initialProducts: ['component:default/nope'],
    });

    await fill(textbox('Title'), 'Release 2.0');
    await pick('Target environment', 'Production');
    await fill(textbox('Version 1'), '2.0.0');
    await user.click(
      screen.getByRole('button', { name: 'Submit for approval' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not create the request: unknown product component:default/nope',
    );
    expect(onSaved).not.toHaveBeenCalled();
    expect(textbox('Title')).toHaveValue('Release 2.0');
    expect(textbox('Product 1')).toHaveValue('component:default/nope');
    expect(textbox('Version 1')).toHaveValue('2.0.0');
    expect(
      screen.getByRole('button', { name: 'Submit for approval' }),
    ).toBeEnabled();
  });

  it('edits a draft: saves it with an update, submits it with an update then a submit', async () => {
    const api = fakeDeploymentsApi();
    const draft = deploymentRequest({
      id: 9,
      state: 'draft',
      title: 'Old title',
      description: 'As before',
      environment: 'staging',
      templateId: 6,
      steps: [
        {
          id: 1,
          phase: 'pre',
          title: 'Smoke',
          role: null,
          completedBy: null,
          completedAt: null,
          note: null,
        },
        {
          id: 2,
          phase: 'post',
          title: 'Health',
          role: null,
          completedBy: null,
          completedAt: null,
          note: null,
        },
      ],
    });
    api.updateRequest.mockResolvedValue(draft);
    const submitted = deploymentRequest({ id: 9, state: 'in_progress' });
    api.submitRequest.mockResolvedValue(submitted);
    const { onSaved } = await renderForm(api, { request: draft });

    expect(slotRows()).toEqual([{ type: 'QA', count: '1' }]);
    expect(stepFields('Pre-deployment step')).toEqual(['Smoke']);
    await user.clear(textbox('Title'));
    await fill(textbox('Title'), 'New title');
    await user.click(
      screen.getByRole('button', { name: 'Submit for approval' }),
    );

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(submitted));
    expect(api.createRequest).not.toHaveBeenCalled();
    expect(api.updateRequest).toHaveBeenCalledWith(9, {
      title: 'New title',
      description: 'As before',
      environment: 'staging',
      templateId: 6,
      items: [{ product: 'component:default/payment-api', version: '1.2.3' }],
      slots: [{ approvalType: 'qa', requiredCount: 1 }],
      preSteps: [{ title: 'Smoke', role: null }],
      postSteps: [{ title: 'Health', role: null }],
    });
    expect(api.submitRequest).toHaveBeenCalledWith(9);
    expect(api.updateRequest.mock.invocationCallOrder[0]).toBeLessThan(
      api.submitRequest.mock.invocationCallOrder[0],
    );
  });
});
