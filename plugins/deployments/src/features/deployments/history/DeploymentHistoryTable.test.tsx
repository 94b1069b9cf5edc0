import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { deploymentsApiRef } from '../../../api';
import {
  deployment,
  fakeDeploymentsApi,
  pageOf,
} from '../../../testing/fakeDeploymentsApi';
import { DeploymentHistoryTable } from './DeploymentHistoryTable';

const PRODUCT = 'component:default/payment-api';

async function renderTable(
  api: ReturnType<typeof fakeDeploymentsApi>,
  element: JSX.Element,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('DeploymentHistoryTable', () => {
  it('asks for the newest deployments of the product first, one page at a time', async () => {
    const api = fakeDeploymentsApi();
    await renderTable(
      api,
      <DeploymentHistoryTable product={PRODUCT} pageSize={10} />,
    );
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenCalledWith({
        product: PRODUCT,
        environment: undefined,
        status: undefined,
        order_by: 'id',
        sort: 'desc',
        page: 1,
        per_page: 10,
      }),
    );
  });

  it('renders a deployment with status, short commit and a build link that opens a new tab', async () => {
    const api = fakeDeploymentsApi();
    api.listDeployments.mockResolvedValue(
      pageOf([
        deployment({
          id: 42,
          version: '2.4.1',
          environment: 'production',
          status: 'failed',
          ref: 'main',
          tag: 'v2.4.1',
          sha: 'deadbeefcafe0123456789abcdef0123456789ab',
          deployed_by: 'carol',
          build_url: 'https://ci.example.com/builds/42',
        }),
      ]),
    );
    await renderTable(api, <DeploymentHistoryTable product={PRODUCT} />);

    const row = (await screen.findByText('#42')).closest('tr')!;
    expect(row).toHaveTextContent('2.4.1');
    expect(row).toHaveTextContent('production');
    expect(within(row).getByText('Failed')).toBeInTheDocument();
    expect(row).toHaveTextContent('tag v2.4.1');
    expect(row).toHaveTextContent('carol');
    const sha = within(row).getByText('deadbeef');
    expect(sha).toHaveAttribute(
      'title',
      'deadbeefcafe0123456789abcdef0123456789ab',
    );
    const build = within(row).getByRole('link', { name: /build/i });
    expect(build).toHaveAttribute('href', 'https://ci.example.com/builds/42');
    expect(build).toHaveAttribute('target', '_blank');
    // One product: no product column.
    expect(
      screen.queryByRole('columnheader', { name: 'Product' }),
    ).not.toBeInTheDocument();
  });

  it('asks for the first page of the chosen environment and status when a filter changes', async () => {
    const api = fakeDeploymentsApi();
    api.listDeployments.mockImplementation(async query =>
      pageOf([deployment({ id: 100 - (query?.page ?? 1) })], {
        total: 60,
        page: query?.page ?? 1,
      }),
    );
    await renderTable(api, <DeploymentHistoryTable product={PRODUCT} />);
    await screen.findByText('#99');
    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    await screen.findByText('#98');

    const environment = await screen.findByLabelText('Environment');
    await waitFor(() => expect(environment).toBeEnabled());
    // Environments are offered in their order.
    expect(
      within(environment)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(['All environments', 'Development', 'Staging', 'Production']);
    await userEvent.selectOptions(environment, 'staging');
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith(
        expect.objectContaining({
          product: PRODUCT,
          environment: 'staging',
          page: 1,
        }),
      ),
    );

    await userEvent.selectOptions(screen.getByLabelText('Status'), 'failed');
    await waitFor(() =>
      expect(api.listDeployments).toHaveBeenLastCalledWith(
        expect.objectContaining({
          environment: 'staging',
          status: 'failed',
          page: 1,
        }),
      ),
    );
  });

  it('asks the server for the next page', async () => {
    const api = fakeDeploymentsApi();
    api.listDeployments.mockImplementation(async query =>
      pageOf([deployment({ id: 100 - (query?.page ?? 1) })], {
        total: 45,
        page: query?.page ?? 1,
        nextPage: (query?.page ?? 1) < 3 ? (query?.page ?? 1) + 1 : null,
      }),
    );
    await renderTable(api, <DeploymentHistoryTable product={PRODUCT} />);
    expect(await screen.findByText('#99')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));

    expect(await screen.findByText('#98')).toBeInTheDocument();
    expect(api.listDeployments).toHaveBeenLastCalledWith(
      expect.objectContaining({
        page: 2,
        per_page: 20,
        order_by: 'id',
        sort: 'desc',
      }),
    );
  });

  it('shows a product column when it lists every product', async () => {
    const api = fakeDeploymentsApi();
    api.listDeployments.mockResolvedValue(
      pageOf([deployment({ product_name: 'payment-api' })]),
    );
    await renderTable(api, <DeploymentHistoryTable />);
    const link = await screen.findByRole('link', { name: 'payment-api' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payment-api',
    );
    expect(api.listDeployments).toHaveBeenCalledWith(
      expect.objectContaining({ product: undefined }),
    );
  });

  it('says when there are no deployments yet', async () => {
    const api = fakeDeploymentsApi();
    await renderTable(api, <DeploymentHistoryTable product={PRODUCT} />);
    expect(
      await screen.findByText(/No deployments recorded yet/),
    ).toBeInTheDocument();
  });

  it('shows the error when the API rejects', async () => {
    const api = fakeDeploymentsApi();
    api.listDeployments.mockRejectedValue(new Error('history unavailable'));
    await renderTable(api, <DeploymentHistoryTable product={PRODUCT} />);
    expect(
      await screen.findByText('Error: history unavailable'),
    ).toBeInTheDocument();
  });

  it('flags a deployment recorded under break glass, linking to the report', async () => {
    const api = fakeDeploymentsApi();
    api.listDeployments.mockResolvedValue(
      pageOf([
        deployment({
          id: 8,
          version: '3.0.0',
          environment: 'production',
          break_glass_id: 4,
        }),
        deployment({ id: 7, version: '2.9.0', environment: 'staging' }),
      ]),
    );
    await renderTable(api, <DeploymentHistoryTable product={PRODUCT} />);
    const flagged = (await screen.findByText('3.0.0')).closest('tr')!;
    expect(within(flagged).getByText('Break glass')).toBeInTheDocument();
    expect(
      within(flagged).getByRole('link', { name: /Break glass/ }),
    ).toHaveAttribute('href', '/environments/break-glass');
    const plain = screen.getByText('2.9.0').closest('tr')!;
    expect(within(plain).queryByText('Break glass')).not.toBeInTheDocument();
  });
  it('says why a blocked deployment waits', async () => {
    const api = fakeDeploymentsApi();
    api.listDeployments.mockResolvedValue(
      pageOf([
        deployment({ id: 7, status: 'blocked', blocked_reason: 'rule "Prod needs a request" requires an approved deployment request' }),
        deployment({ id: 8, status: 'success', blocked_reason: null }),
      ]),
    );
    await renderTable(api, <DeploymentHistoryTable product={PRODUCT} />);
    const row = (await screen.findByText('#7')).closest('tr')!;
    expect(within(row).getByText('Blocked')).toBeInTheDocument();
    expect(row).toHaveTextContent('rule "Prod needs a request" requires an approved deployment request');
    expect(screen.getByText('#8').closest('tr')).not.toHaveTextContent('requires');
  });
});
