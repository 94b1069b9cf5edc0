import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TaskList } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import {
  deploymentRequest,
  fakeDeploymentsApi,
  requestSummary,
} from '../../testing/fakeDeploymentsApi';
import { fakeSignalApi } from '../../testing/fakeSignalApi';
import { promotion } from '../../testing/promotionFixtures';
import { EntityMyTasksContent } from './EntityMyTasksContent';
import { MyTasksList } from './MyTasksList';
import { MyTasksPage } from './MyTasksPage';

type Api = ReturnType<typeof fakeDeploymentsApi>;

async function renderWith(
  api: Api,
  element: JSX.Element,
  signals = fakeSignalApi(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const release = requestSummary({ id: 12, title: 'Release 2.0' });
const hotfix = requestSummary({
  id: 14,
  title: 'Hotfix',
  environment: 'staging',
  items: [
    {
      id: 3,
      product: 'component:default/web',
      productName: 'web',
      version: '3.1.1',
    },
  ],
});

const someTasks: TaskList = {
  tasks: [
    {
      kind: 'approval',
      request: release,
      slot: { id: 101, approvalType: 'qa', requiredCount: 2, approvals: 1 },
    },
    {
      kind: 'approval',
      request: hotfix,
      slot: {
        id: 141,
        approvalType: 'security',
        requiredCount: 1,
        approvals: 0,
      },
    },
    {
      kind: 'approval',
      request: hotfix,
      slot: {
        id: 142,
        approvalType: 'performance',
        requiredCount: 1,
        approvals: 0,
      },
    },
    {
      kind: 'step',
      request: release,
      step: { id: 201, phase: 'pre', title: 'Run smoke tests' },
    },
  ],
  counts: { approvals: 3, steps: 1, promotions: 0, deploymentApprovals: 0, total: 4 },
};

describe('MyTasksList', () => {
  it('shows the counts, the approvals and the steps, each linked to its request', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValue(someTasks);
    await renderWith(api, <MyTasksList />);

    expect(await screen.findByText('3 approvals, 1 step')).toBeInTheDocument();
    expect(api.getTasks).toHaveBeenCalledWith({ product: undefined });

    const approvals = screen.getByRole('region', { name: 'Approvals' });
    const items = within(approvals).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(
      'Approve QA for DR #12 ‘Release 2.0’ (payment-api 1.2.3 → production)',
    );
    expect(items[0]).toHaveTextContent('1 of 2 approvals');
    expect(
      within(items[0]).getByRole('link', { name: 'DR #12 ‘Release 2.0’' }),
    ).toHaveAttribute('href', '/deployment-requests/12');
    expect(items[1]).toHaveTextContent(
      'Approve Security for DR #14 ‘Hotfix’ (web 3.1.1 → staging)',
    );

    const steps = screen.getByRole('region', { name: 'Steps' });
    const step = within(steps).getByRole('listitem');
    expect(step).toHaveTextContent(
      'Complete pre-step ‘Run smoke tests’ of DR #12 ‘Release 2.0’',
    );
    expect(within(step).getByRole('link')).toHaveAttribute(
      'href',
      '/deployment-requests/12',
    );
    expect(within(step).queryByRole('button')).not.toBeInTheDocument();
  });

  it('approves from the list with the right ids and loads the tasks again', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValue(someTasks);
    api.decideSlot.mockResolvedValue(deploymentRequest({ id: 14 }));
    await renderWith(api, <MyTasksList />);

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Approve Security for DR #14',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Approve Security for DR #14'),
    ).toBeInTheDocument();
    api.getTasks.mockResolvedValue({
      tasks: someTasks.tasks.filter(
        t => !(t.kind === 'approval' && t.slot.id === 141),
      ),
      counts: { approvals: 2, steps: 1, promotions: 0, deploymentApprovals: 0, total: 3 },
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(api.decideSlot).toHaveBeenCalledWith(14, 141, {
      decision: 'approve',
    });
    expect(await screen.findByText('2 approvals, 1 step')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('asks for a comment before rejecting from the list', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValue(someTasks);
    api.decideSlot.mockResolvedValue(
      deploymentRequest({ id: 12, state: 'rejected' }),
    );
    await renderWith(api, <MyTasksList />);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject QA for DR #12' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(api.decideSlot).not.toHaveBeenCalled();
    await userEvent.type(
      within(dialog).getByLabelText(/Comment/),
      'Fails the checkout flow',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(api.decideSlot).toHaveBeenCalledWith(12, 101, {
      decision: 'reject',
      comment: 'Fails the checkout flow',
    });
  });

  it('says nothing needs the user when there are no tasks', async () => {
    const api = fakeDeploymentsApi();
    await renderWith(api, <MyTasksList />);
    expect(
      await screen.findByText('Nothing needs you right now'),
    ).toBeInTheDocument();
  });

  it('loads again when a request changes', async () => {
    const api = fakeDeploymentsApi();
    const signals = fakeSignalApi();
    await renderWith(api, <MyTasksList />, signals);
    await screen.findByText('Nothing needs you right now');
    api.getTasks.mockResolvedValue(someTasks);

    act(() =>
      signals.send('deployment-requests', {
        requestId: 12,
        state: 'in_progress',
        actor: 'user:default/bob',
      }),
    );
    expect(await screen.findByText('3 approvals, 1 step')).toBeInTheDocument();
  });

  it('shows the error when the tasks cannot be loaded', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockRejectedValue(new Error('tasks unavailable'));
    await renderWith(api, <MyTasksList />);
    expect(
      await screen.findByText('Error: tasks unavailable'),
    ).toBeInTheDocument();
  });
});

describe('MyTasksPage', () => {
  it("lists every product's tasks under a My Tasks header", async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValue(someTasks);
    await renderWith(api, <MyTasksPage />);
    expect(
      screen.getByRole('heading', { name: 'My Tasks' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('3 approvals, 1 step')).toBeInTheDocument();
    expect(api.getTasks).toHaveBeenCalledWith({ product: undefined });
  });
});

describe('MyTasksList promotions', () => {
  const withPromotions: TaskList = {
    tasks: [
      { kind: 'promotion', promotion: promotion() },
      {
        kind: 'promotion',
        promotion: promotion({
          id: 8,
          source: 'development',
          target: 'staging',
          status: 'pending_release',
          abilities: { approve: false, reject: false, deploy: true },
        }),
      },
    ],
    counts: { approvals: 0, steps: 0, promotions: 2, deploymentApprovals: 0, total: 2 },
  };

  it('lists the promotions to approve and to deploy, opens the diff, and approves from there', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValue(withPromotions);
    api.approvePromotion.mockResolvedValue(promotion());
    await renderWith(api, <MyTasksList />);

    expect(
      await screen.findByText('0 approvals, 0 steps, 2 promotions'),
    ).toBeInTheDocument();
    const region = screen.getByRole('region', { name: 'Promotions' });
    const items = within(region).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      'Approve promotion #7: payment-api staging → production',
    );
    expect(items[0]).toHaveTextContent('0 of 2 approvals · 2 changes');
    expect(
      within(items[0]).getByRole('link', { name: 'promotion #7' }),
    ).toHaveAttribute('href', '/promotions/7');
    expect(items[1]).toHaveTextContent(
      'Deploy promotion #8: payment-api development → staging',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Review promotion #7' }),
    );
    expect(await screen.findByText('REPLICA_COUNT')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() =>
      expect(api.approvePromotion).toHaveBeenCalledWith(7, undefined),
    );
    await waitFor(() => expect(api.getTasks).toHaveBeenCalledTimes(2));
  });
});

describe('EntityMyTasksContent', () => {
  it("asks for the entity's tasks only", async () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payment-api', namespace: 'default' },
    };
    const api = fakeDeploymentsApi();
    await renderWith(
      api,
      <EntityProvider entity={entity}>
        <EntityMyTasksContent />
      </EntityProvider>,
    );
    expect(
      await screen.findByText('Nothing needs you right now'),
    ).toBeInTheDocument();
    expect(api.getTasks).toHaveBeenCalledWith({
      product: 'component:default/payment-api',
    });
  });
});
