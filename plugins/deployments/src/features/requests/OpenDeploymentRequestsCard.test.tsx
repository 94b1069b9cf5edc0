import { act, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { deploymentsApiRef } from '../../api';
import {
  fakeDeploymentsApi,
  pageOf,
  requestSummary,
} from '../../testing/fakeDeploymentsApi';
import { fakeSignalApi } from '../../testing/fakeSignalApi';
import { OpenDeploymentRequestsCard } from './OpenDeploymentRequestsCard';

type Api = ReturnType<typeof fakeDeploymentsApi>;

async function renderCard(api: Api, signals = fakeSignalApi()) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <OpenDeploymentRequestsCard />
    </TestApiProvider>,
  );
}

describe('OpenDeploymentRequestsCard', () => {
  it('lists the requests in progress and then the approved ones', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockImplementation(async query =>
      query?.state === 'in_progress'
        ? pageOf([requestSummary({ id: 12, title: 'Release 2.0' })])
        : pageOf([
            requestSummary({
              id: 9,
              title: 'Hotfix',
              state: 'approved',
              environment: 'staging',
              waitingOn: [],
            }),
          ]),
    );
    await renderCard(api);

    const table = await screen.findByRole('table', {
      name: 'Open deployment requests',
    });
    expect(api.listRequests).toHaveBeenCalledWith({
      state: 'in_progress',
      page: 1,
      per_page: 10,
    });
    expect(api.listRequests).toHaveBeenCalledWith({
      state: 'approved',
      page: 1,
      per_page: 10,
    });
    expect(api.listRequests).toHaveBeenCalledTimes(2);

    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('In progress')).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('link', { name: '#12 Release 2.0' }),
    ).toHaveAttribute('href', '/deployment-requests/12');
    expect(rows[0]).toHaveTextContent('payment-api 1.2.3');
    expect(rows[0]).toHaveTextContent('production');
    expect(rows[0]).toHaveTextContent('QA');
    expect(within(rows[1]).getByText('Approved')).toBeInTheDocument();
    expect(
      within(rows[1]).getByRole('link', { name: '#9 Hotfix' }),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('ready to deploy');

    expect(
      screen.getByRole('link', { name: /All deployment requests/ }),
    ).toHaveAttribute('href', '/deployment-requests');
  });

  it('says how many more there are beyond the first page of each state', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockImplementation(async query =>
      pageOf(
        [
          requestSummary({
            id: query?.state === 'approved' ? 2 : 1,
            state: query?.state,
          }),
        ],
        {
          total: query?.state === 'approved' ? 3 : 12,
        },
      ),
    );
    await renderCard(api);
    expect(
      await screen.findByText('Showing 2 of 15 open requests.'),
    ).toBeInTheDocument();
  });

  it('says when no request is open', async () => {
    const api = fakeDeploymentsApi();
    await renderCard(api);
    expect(
      await screen.findByText(/No open deployment requests/),
    ).toBeInTheDocument();
  });

  it('loads again when a request changes', async () => {
    const api = fakeDeploymentsApi();
    const signals = fakeSignalApi();
    await renderCard(api, signals);
    await screen.findByText(/No open deployment requests/);

    act(() =>
      signals.send('deployment-requests', {
        requestId: 4,
        state: 'approved',
        actor: 'user:default/quinn',
      }),
    );
    await waitFor(() => expect(api.listRequests).toHaveBeenCalledTimes(4));
  });

  it('shows the error when the requests cannot be listed', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockRejectedValue(new Error('requests unavailable'));
    await renderCard(api);
    expect(
      await screen.findByText('Error: requests unavailable'),
    ).toBeInTheDocument();
  });
});
