import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { PromotionPipeline } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import {
  environments,
  fakeDeploymentsApi,
} from '../../testing/fakeDeploymentsApi';
import { mockReactFlow } from '../../testing/mockReactFlow';
import { EntityPipelineContent } from './EntityPipelineContent';

mockReactFlow();

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-api', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};
const PRODUCT = 'component:default/payment-api';

const pipeline = (
  overrides: Partial<PromotionPipeline> = {},
): PromotionPipeline => ({
  product: PRODUCT,
  stages: [{ environment: 'development' }, { environment: 'staging' }],
  transitions: [
    {
      from: 'development',
      to: 'staging',
      requiredApprovals: 0,
      soakMinutes: 0,
    },
  ],
  updatedAt: '2026-12-01T10:00:00Z',
  updatedBy: 'user:default/ada',
  canManage: true,
  ...overrides,
});

let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

function renderTab(api: ReturnType<typeof fakeDeploymentsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityPipelineContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const transitions = () => screen.getByRole('list', { name: 'Transitions' });

async function addTransition(from: string, to: string, approvals?: string) {
  await user.click(screen.getByRole('button', { name: 'Add transition' }));
  const dialog = await screen.findByRole('dialog');
  await user.click(within(dialog).getByLabelText('From stage'));
  await user.click(await screen.findByRole('option', { name: from }));
  await user.click(within(dialog).getByLabelText('To stage'));
  await user.click(await screen.findByRole('option', { name: to }));
  if (approvals !== undefined) {
    const field = within(dialog).getByLabelText('Required approvals');
    await user.clear(field);
    await user.type(field, approvals);
  }
  await user.click(
    within(dialog).getByRole('button', { name: 'Add transition' }),
  );
}

describe('EntityPipelineContent', () => {
  it('offers a starting pipeline from the environment order when there is none, and saves it', async () => {
    const api = fakeDeploymentsApi();
    await renderTab(api);
    expect(await screen.findByText('No pipeline yet')).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Start from environment order' }),
    );

    expect(await screen.findByTestId('stage-development')).toBeInTheDocument();
    expect(
      within(transitions()).getByText('development → staging'),
    ).toBeInTheDocument();
    expect(
      within(transitions()).getByText('staging → production'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save pipeline' }));
    await waitFor(() => expect(api.savePipeline).toHaveBeenCalled());
    const [product, body] = api.savePipeline.mock.calls[0];
    expect(product).toBe(PRODUCT);
    expect(body.stages.map(s => s.environment)).toEqual([
      'development',
      'staging',
      'production',
    ]);
    expect(body.stages.every(s => s.position)).toBe(true);
    expect(body.transitions).toEqual([
      {
        from: 'development',
        to: 'staging',
        requiredApprovals: 0,
        soakMinutes: 0,
      },
      {
        from: 'staging',
        to: 'production',
        requiredApprovals: 1,
        soakMinutes: 0,
      },
    ]);
    expect(await screen.findByText('Promotion pipeline')).toBeInTheDocument();
  });

  it('adds a stage, connects it with approvals, and undoes', async () => {
    const api = fakeDeploymentsApi();
    api.getPipeline.mockResolvedValue(pipeline());
    await renderTab(api);
    await user.click(
      await screen.findByRole('button', { name: 'Edit pipeline' }),
    );

    await user.click(screen.getByRole('button', { name: 'Add stage' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('Environment'));
    await user.click(await screen.findByRole('option', { name: /Production/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Add stage' }));
    expect(await screen.findByTestId('stage-production')).toBeInTheDocument();

    await addTransition('staging', 'production', '2');
    expect(
      within(transitions()).getByText('staging → production'),
    ).toBeInTheDocument();
    expect(within(transitions()).getByText('2 approvals')).toBeInTheDocument();

    // Setting approvals on an existing edge.
    await user.click(
      screen.getByRole('button', {
        name: 'Edit transition development → staging',
      }),
    );
    const edit = await screen.findByRole('dialog');
    const field = within(edit).getByLabelText('Required approvals');
    await user.clear(field);
    await user.type(field, '1');
    await user.click(within(edit).getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(within(transitions()).getByText('1 approval')).toBeInTheDocument(),
    );

    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() =>
      expect(within(transitions()).getAllByText('auto')).toHaveLength(1),
    );
    await user.click(
      screen.getByRole('button', {
        name: 'Remove transition staging → production',
      }),
    );
    expect(
      within(transitions()).queryByText('staging → production'),
    ).not.toBeInTheDocument();
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();
  });

  it('asks before discarding unsaved changes, and leaves at once when there are none', async () => {
    const api = fakeDeploymentsApi();
    api.getPipeline.mockResolvedValue(pipeline());
    await renderTab(api);
    await user.click(
      await screen.findByRole('button', { name: 'Edit pipeline' }),
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(
      await screen.findByRole('button', { name: 'Edit pipeline' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Edit pipeline' }));
    await user.click(
      screen.getByRole('button', {
        name: 'Remove transition development → staging',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const ask = await screen.findByRole('dialog', {
      name: 'Discard your changes?',
    });
    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Discard changes',
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'Edit pipeline' }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument();
    expect(api.savePipeline).not.toHaveBeenCalled();
  });

  it('refuses a cycle in the editor with a message, before saving', async () => {
    const api = fakeDeploymentsApi();
    api.getPipeline.mockResolvedValue(pipeline());
    await renderTab(api);
    await user.click(
      await screen.findByRole('button', { name: 'Edit pipeline' }),
    );
    await addTransition('staging', 'development');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not added: the pipeline has a cycle: development → staging → development',
    );
    expect(
      within(transitions()).queryByText('staging → development'),
    ).not.toBeInTheDocument();
    expect(api.savePipeline).not.toHaveBeenCalled();
  });

  it('refuses a negative approval count in the form', async () => {
    const api = fakeDeploymentsApi();
    api.getPipeline.mockResolvedValue(pipeline());
    await renderTab(api);
    await user.click(
      await screen.findByRole('button', { name: 'Edit pipeline' }),
    );
    await user.click(
      screen.getByRole('button', {
        name: 'Edit transition development → staging',
      }),
    );
    const edit = await screen.findByRole('dialog');
    const field = within(edit).getByLabelText('Required approvals');
    await user.clear(field);
    await user.type(field, '-1');
    await user.click(within(edit).getByRole('button', { name: 'Apply' }));
    expect(
      await within(edit).findByText(/greater than or equal to 0/),
    ).toBeInTheDocument();
  });

  it('shows the server refusal and keeps the draft', async () => {
    const api = fakeDeploymentsApi();
    api.getPipeline.mockResolvedValue(pipeline());
    api.savePipeline.mockRejectedValue(
      Object.assign(new Error('400'), {
        body: {
          error: {
            message: "stages[1].environment: unknown environment 'staging'",
          },
        },
      }),
    );
    await renderTab(api);
    await user.click(
      await screen.findByRole('button', { name: 'Edit pipeline' }),
    );
    await user.click(screen.getByRole('button', { name: 'Save pipeline' }));
    expect(
      await screen.findByText(/Could not save the pipeline: stages\[1\]/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Save pipeline' }),
    ).toBeInTheDocument();
  });

  it('is read-only for people who may not manage it', async () => {
    const api = fakeDeploymentsApi();
    api.getPipeline.mockResolvedValue(pipeline({ canManage: false }));
    await renderTab(api);
    expect(await screen.findByTestId('stage-staging')).toBeInTheDocument();
    expect(screen.getByText(/Read-only/)).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit pipeline' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Remove stage/ }),
    ).not.toBeInTheDocument();
  });

  it('offers no starting point to people who may not manage it', async () => {
    const api = fakeDeploymentsApi();
    api.getPipeline.mockResolvedValue(
      pipeline({ stages: [], transitions: [], canManage: false }),
    );
    await renderTab(api);
    expect(await screen.findByText('No pipeline yet')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Start from environment order' }),
    ).not.toBeInTheDocument();
  });

  it('shows on a stage that its environment is frozen, until when and why', async () => {
    const api = fakeDeploymentsApi();
    api.getPipeline.mockResolvedValue(pipeline());
    api.listEnvironments.mockResolvedValue(
      environments.map(e =>
        e.name === 'staging'
          ? {
              ...e,
              frozen: true,
              frozenBy: { id: 7, reason: 'Release freeze', until: null },
            }
          : e,
      ),
    );
    await renderTab(api);
    const staging = await screen.findByTestId('stage-staging');
    expect(
      await within(staging).findByText('Frozen until lifted'),
    ).toHaveAttribute('title', 'Release freeze');
    expect(
      within(screen.getByTestId('stage-development')).queryByText(/Frozen/),
    ).not.toBeInTheDocument();
  });
});
