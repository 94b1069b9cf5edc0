import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { usePermission } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { deploymentsApiRef } from '../../api';
import {
  fakeDeploymentsApi,
  pageOf,
  requestSummary,
} from '../../testing/fakeDeploymentsApi';
import { fakeSignalApi } from '../../testing/fakeSignalApi';
import { DeploymentRequestList } from './DeploymentRequestList';

type Api = ReturnType<typeof fakeDeploymentsApi>;

// usePermission caches answers across renders (SWR): each test says what it answers.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;
beforeEach(() => {
  usePermissionMock.mockReturnValue({ loading: false, allowed: true });
});

async function renderList(api: Api, signals = fakeSignalApi()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <DeploymentRequestList />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('DeploymentRequestList', () => {
  it('lists requests with their products, environment, state, who they wait on and creator', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockResolvedValue(
      pageOf([
        requestSummary({
          items: [
            {
              id: 1,
              product: 'component:default/payment-api',
              productName: 'payment-api',
              version: '1.2.3',
            },
            {
              id: 2,
              product: 'component:default/web',
              productName: 'web',
              version: '3.1.0',
            },
          ],
          waitingOn: [
            { approvalType: 'qa', missing: 1 },
            { approvalType: 'security', missing: 2 },
          ],
        }),
        requestSummary({
          id: 13,
          title: 'Hotfix',
          state: 'approved',
          waitingOn: [],
        }),
      ]),
    );
    await renderList(api);

    expect(
      await screen.findByRole('link', { name: 'Release 2.0' }),
    ).toHaveAttribute('href', '/deployment-requests/12');
    expect(api.listRequests).toHaveBeenCalledWith({ page: 1, per_page: 20 });
    const row = screen
      .getByRole('link', { name: 'Release 2.0' })
      .closest('tr')!;
    expect(within(row).getByText('#12')).toBeInTheDocument();
    expect(within(row).getByText('payment-api 1.2.3')).toBeInTheDocument();
    expect(within(row).getByText('web 3.1.0')).toBeInTheDocument();
    expect(within(row).getByText('production')).toBeInTheDocument();
    expect(within(row).getByText('In progress')).toBeInTheDocument();
    expect(within(row).getByText('QA, 2 × Security')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'bob' })).toHaveAttribute(
      'href',
      '/catalog/default/user/bob',
    );
    const hotfix = screen.getByRole('link', { name: 'Hotfix' }).closest('tr')!;
    expect(within(hotfix).getByText('Approved')).toBeInTheDocument();
  });

  it('links to a new request and to the templates', async () => {
    const api = fakeDeploymentsApi();
    await renderList(api);
    expect(
      await screen.findByRole('button', { name: 'New deployment request' }),
    ).toHaveAttribute('href', '/deployment-requests/new');
    expect(screen.getByRole('button', { name: 'Templates' })).toHaveAttribute(
      'href',
      '/deployment-requests/templates',
    );
  });

  it('offers no new request to someone the policy does not let create one', async () => {
    usePermissionMock.mockReturnValue({ loading: false, allowed: false });
    const api = fakeDeploymentsApi();
    await renderList(api);
    expect(
      await screen.findByRole('button', { name: 'Templates' }),
    ).toBeInTheDocument();
    // The empty list does not invite them to create one either.
    expect(
      await screen.findByText('No deployment requests yet.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'New deployment request' }),
    ).not.toBeInTheDocument();
  });

  it('asks the server for the chosen state, environment, own and approvable requests', async () => {
    const api = fakeDeploymentsApi();
    await renderList(api);
    await screen.findByText(/No deployment requests yet/);

    await userEvent.selectOptions(screen.getByLabelText('State'), 'Rejected');
    await waitFor(() =>
      expect(api.listRequests).toHaveBeenLastCalledWith({
        state: 'rejected',
        page: 1,
        per_page: 20,
      }),
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Environment')).toBeEnabled(),
    );
    await userEvent.selectOptions(
      screen.getByLabelText('Environment'),
      'Production',
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Created by me' }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'I can approve' }),
    );

    await waitFor(() =>
      expect(api.listRequests).toHaveBeenLastCalledWith({
        state: 'rejected',
        environment: 'production',
        mine: true,
        approvable: true,
        page: 1,
        per_page: 20,
      }),
    );
    expect(
      await screen.findByText('No deployment requests match these filters.'),
    ).toBeInTheDocument();
  });

  it('pages on the server', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockImplementation(async query =>
      pageOf(
        Array.from({ length: 20 }, (_, i) =>
          requestSummary({
            id: ((query?.page ?? 1) - 1) * 20 + i + 1,
            title: `Request ${((query?.page ?? 1) - 1) * 20 + i + 1}`,
          }),
        ),
        { total: 45, page: query?.page ?? 1, nextPage: 2 },
      ),
    );
    await renderList(api);
    await screen.findByRole('link', { name: 'Request 1' });

    await userEvent.click(screen.getByRole('button', { name: /next page/i }));

    expect(
      await screen.findByRole('link', { name: 'Request 21' }),
    ).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenLastCalledWith({
      page: 2,
      per_page: 20,
    });
  });

  it('loads again when the backend signals a changed request', async () => {
    const api = fakeDeploymentsApi();
    const signals = fakeSignalApi();
    await renderList(api, signals);
    await screen.findByText(/No deployment requests yet/);
    const calls = api.listRequests.mock.calls.length;

    act(() =>
      signals.send('deployment-requests', {
        requestId: 3,
        state: 'approved',
        actor: 'user:default/quinn',
      }),
    );
    await waitFor(() =>
      expect(api.listRequests.mock.calls.length).toBe(calls + 1),
    );
  });

  it('shows the error when the list cannot be loaded', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockRejectedValue(new Error('requests unavailable'));
    await renderList(api);
    expect(
      await screen.findByText('Error: requests unavailable'),
    ).toBeInTheDocument();
  });
});
