import { act, screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { SidebarOpenStateProvider } from '@backstage/core-components';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TaskList } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { fakeDeploymentsApi } from '../../testing/fakeDeploymentsApi';
import { fakeSignalApi } from '../../testing/fakeSignalApi';
import { MyTasksSidebarItem } from './MyTasksSidebarItem';

const waiting = (total: number): TaskList => ({
  tasks: [],
  counts: { approvals: total, steps: 0, promotions: 0, deploymentApprovals: 0, total },
});

async function renderItem(
  api = fakeDeploymentsApi(),
  signals = fakeSignalApi(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <SidebarOpenStateProvider value={{ isOpen: true, setOpen: () => {} }}>
        <MyTasksSidebarItem />
      </SidebarOpenStateProvider>
    </TestApiProvider>,
  );
  return { api, signals };
}

describe('MyTasksSidebarItem', () => {
  it('links to My Tasks and shows how many tasks are waiting', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockResolvedValue(waiting(3));
    await renderItem(api);
    expect(screen.getByRole('link', { name: /My Tasks/ })).toHaveAttribute(
      'href',
      '/my-tasks',
    );
    expect(await screen.findByText('3')).toBeInTheDocument();
  });

  it('shows no number when nothing is waiting or the count cannot be read', async () => {
    const api = fakeDeploymentsApi();
    api.getTasks.mockRejectedValue(new Error('offline'));
    await renderItem(api);
    await waitFor(() => expect(api.getTasks).toHaveBeenCalled());
    expect(screen.queryByLabelText('Open tasks')).not.toBeInTheDocument();
  });

  it('counts again when a deployment request changes', async () => {
    const { api, signals } = await renderItem();
    await waitFor(() => expect(api.getTasks).toHaveBeenCalledTimes(1));
    expect(screen.queryByLabelText('Open tasks')).not.toBeInTheDocument();
    api.getTasks.mockResolvedValue(waiting(120));

    act(() =>
      signals.send('deployment-requests', {
        requestId: 12,
        state: 'in_progress',
        actor: 'user:default/bob',
      }),
    );
    expect(await screen.findByText('99+')).toBeInTheDocument();
  });
});
