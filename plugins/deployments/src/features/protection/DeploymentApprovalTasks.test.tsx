import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import {
  DEPLOYMENTS_SIGNAL_CHANNEL,
  Task,
  TaskList,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import {
  deployment,
  fakeDeploymentsApi,
} from '../../testing/fakeDeploymentsApi';
import { fakeSignalApi } from '../../testing/fakeSignalApi';
import { MyTasksList } from '../tasks/MyTasksList';

const blockedTask = (id: number, matches = ['qa']): Task => ({
  kind: 'deployment_approval',
  deployment: deployment({
    id,
    environment: 'production',
    status: 'blocked',
    blocked_reason: 'waiting for approvals: 1 from qa',
    deployed_by: 'ci-bot',
  }),
  matches,
});

const listOf = (tasks: Task[]): TaskList => ({
  tasks,
  counts: {
    approvals: 0,
    steps: 0,
    promotions: 0,
    deploymentApprovals: tasks.length,
    total: tasks.length,
  },
});

async function renderWith(
  api: ReturnType<typeof fakeDeploymentsApi>,
  signals = fakeSignalApi(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <MyTasksList />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('blocked deployments in My Tasks', () => {
  it('lists each with what it waits for and whose rule the caller fills, and approves the ticked ones together', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValueOnce(
      listOf([
        blockedTask(1),
        blockedTask(2, ['qa', 'group:default/team-payments']),
        blockedTask(3),
      ]),
    );
    api.getTasks.mockResolvedValue(listOf([blockedTask(3)]));
    api.approveDeployment.mockResolvedValue({} as any);
    await renderWith(api);

    expect(
      await screen.findByText('0 approvals, 0 steps, 3 blocked deployments'),
    ).toBeInTheDocument();
    const section = screen.getByRole('region', {
      name: 'Deployment approvals',
    });
    expect(
      within(section).getByText(/Approve deployment #2: payment-api/),
    ).toBeInTheDocument();
    expect(
      within(section).getByText(
        /you count for qa, group:default\/team-payments/,
      ),
    ).toBeInTheDocument();
    expect(
      within(section).getAllByText(/blocked: waiting for 1 from qa/),
    ).toHaveLength(3);

    const approveSelected = within(section).getByRole('button', {
      name: /Approve selected/,
    });
    expect(approveSelected).toBeDisabled();
    await userEvent.click(
      within(section).getByLabelText('Select deployment #1'),
    );
    await userEvent.click(
      within(section).getByLabelText('Select deployment #2'),
    );
    await userEvent.click(
      within(section).getByRole('button', { name: 'Approve selected (2)' }),
    );
    await waitFor(() => expect(api.approveDeployment).toHaveBeenCalledTimes(2));
    expect(api.approveDeployment).toHaveBeenCalledWith(1, {
      status: 'approved',
    });
    expect(api.approveDeployment).toHaveBeenCalledWith(2, {
      status: 'approved',
    });
    // The list loads again: only #3 is left.
    expect(
      await screen.findByText('0 approvals, 0 steps, 1 blocked deployment'),
    ).toBeInTheDocument();
  });

  it('asks which rule an approval counts for when the caller matches several (represented_as)', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValue(
      listOf([
        blockedTask(1),
        blockedTask(2, ['qa', 'group:default/team-payments']),
      ]),
    );
    api.approveDeployment.mockResolvedValue({} as any);
    await renderWith(api);
    // One rule: no question.
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve deployment #1' }),
    );
    let dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).queryByLabelText('Count it for the rule'),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(api.approveDeployment).toHaveBeenCalledWith(1, {
        status: 'approved',
      }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve deployment #2' }),
    );
    dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByLabelText('Count it for the rule'),
    );
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'group:default/team-payments',
      }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(api.approveDeployment).toHaveBeenCalledWith(2, {
        status: 'approved',
        represented_as: 'group:default/team-payments',
      }),
    );
  });

  it('loads again when a deployment is blocked or unblocked elsewhere, not on every event', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValueOnce(listOf([]));
    api.getTasks.mockResolvedValue(listOf([blockedTask(4)]));
    const signals = fakeSignalApi();
    await renderWith(api, signals);
    expect(
      await screen.findByText('Nothing needs you right now'),
    ).toBeInTheDocument();
    const signal = {
      deploymentId: 4,
      product: 'component:default/payment-api',
      environment: 'production',
    };
    act(() =>
      signals.send(DEPLOYMENTS_SIGNAL_CHANNEL, {
        ...signal,
        status: 'running',
      }),
    );
    expect(api.getTasks).toHaveBeenCalledTimes(1);
    act(() =>
      signals.send(DEPLOYMENTS_SIGNAL_CHANNEL, {
        ...signal,
        status: 'blocked',
      }),
    );
    expect(
      await screen.findByText(/Approve deployment #4/),
    ).toBeInTheDocument();
  });

  it('says which of the selected the server refused, and still approves the others', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValue(listOf([blockedTask(1), blockedTask(2)]));
    api.approveDeployment.mockImplementation(async id => {
      if (id === 1)
        throw new Error('deployment 1 is failed, not waiting for approvals');
      return {} as any;
    });
    await renderWith(api);
    const section = await screen.findByRole('region', {
      name: 'Deployment approvals',
    });
    await userEvent.click(
      within(section).getByLabelText('Select deployment #1'),
    );
    await userEvent.click(
      within(section).getByLabelText('Select deployment #2'),
    );
    await userEvent.click(
      within(section).getByRole('button', { name: 'Approve selected (2)' }),
    );
    expect(
      await screen.findByText(/Not approved: #1: deployment 1 is failed/),
    ).toBeInTheDocument();
    expect(api.approveDeployment).toHaveBeenCalledWith(2, {
      status: 'approved',
    });
  });
});
