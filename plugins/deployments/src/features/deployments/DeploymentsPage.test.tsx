import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { deploymentsApiRef } from '../../api';
import { MatrixRow } from '@shipgate/plugin-deployments-common';
import {
  fakeDeploymentsApi,
  matrixCell,
  matrixOf,
  pageOf,
  product,
  requestSummary,
} from '../../testing/fakeDeploymentsApi';
import { DeploymentsPage } from './DeploymentsPage';

async function renderPage(api: ReturnType<typeof fakeDeploymentsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <DeploymentsPage />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function withProducts(api: ReturnType<typeof fakeDeploymentsApi>) {
  const rows: MatrixRow[] = [
    {
      product: product('payment-api', { system: 'system:default/payments' }),
      cells: { production: matrixCell({ version: '1.0.0' }) },
    },
    {
      product: product('ledger', {
        system: 'system:default/accounting',
        owner: 'group:default/team-ledger',
      }),
      cells: { staging: matrixCell({ version: '0.3.0' }) },
    },
  ];
  api.getMatrix.mockImplementation(async query =>
    matrixOf(
      rows.filter(
        row =>
          !query?.system ||
          row.product.system === `system:default/${query.system}`,
      ),
    ),
  );
}

describe('DeploymentsPage', () => {
  it('shows the matrix of every product, 25 products a page, each linked to its Deployments tab', async () => {
    const api = fakeDeploymentsApi();
    withProducts(api);
    await renderPage(api);

    expect(
      screen.getByRole('heading', { name: 'Deployments' }),
    ).toBeInTheDocument();
    const table = await screen.findByRole('table', {
      name: 'Environment matrix',
    });
    expect(
      within(table).getByRole('link', { name: 'payment-api' }),
    ).toHaveAttribute('href', '/catalog/default/component/payment-api');
    const tabs = within(table).getAllByRole('link', {
      name: 'Deployment history',
    });
    expect(tabs.map(link => link.getAttribute('href'))).toEqual([
      '/catalog/default/component/payment-api/deployments',
      '/catalog/default/component/ledger/deployments',
    ]);
    expect(api.getMatrix).toHaveBeenCalledWith({
      product: undefined,
      system: undefined,
      owner: undefined,
      page: 1,
      per_page: 25,
    });
  });

  it('filters the products by system', async () => {
    const api = fakeDeploymentsApi();
    withProducts(api);
    await renderPage(api);
    await screen.findByText('ledger');

    await userEvent.click(screen.getByLabelText('System'));
    await userEvent.paste('payments');

    await waitFor(() =>
      expect(api.getMatrix).toHaveBeenLastCalledWith(
        expect.objectContaining({ system: 'payments', page: 1 }),
      ),
    );
    await waitFor(() =>
      expect(screen.queryByText('ledger')).not.toBeInTheDocument(),
    );
    expect(screen.getByText('payment-api')).toBeInTheDocument();
  });

  it('offers the owners of the products it has seen', async () => {
    const api = fakeDeploymentsApi();
    withProducts(api);
    await renderPage(api);
    await screen.findByText('ledger');

    await userEvent.click(screen.getByLabelText('Owner'));

    const options = await screen.findAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual([
      'team-ledger',
      'team-payments',
    ]);
  });

  it('explains how CI records deployments when there are none yet', async () => {
    const api = fakeDeploymentsApi();
    await renderPage(api);
    expect(await screen.findByText('No products yet')).toBeInTheDocument();
    expect(
      screen.getByText(/api\/deployments\/deployments/),
    ).toBeInTheDocument();
  });

  it('shows the open deployment requests above the matrix', async () => {
    const api = fakeDeploymentsApi();
    withProducts(api);
    api.listRequests.mockImplementation(async query =>
      pageOf(
        query?.state === 'in_progress'
          ? [requestSummary({ title: 'Release 2.0' })]
          : [],
      ),
    );
    await renderPage(api);

    const card = await screen.findByRole('table', {
      name: 'Open deployment requests',
    });
    expect(
      within(card).getByRole('link', { name: '#12 Release 2.0' }),
    ).toBeInTheDocument();
    const matrix = await screen.findByRole('table', {
      name: 'Environment matrix',
    });
    expect(
      card.compareDocumentPosition(matrix) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('shows the error when the API rejects', async () => {
    const api = fakeDeploymentsApi();
    api.getMatrix.mockRejectedValue(new Error('matrix unavailable'));
    await renderPage(api);
    expect(
      await screen.findByText('Error: matrix unavailable'),
    ).toBeInTheDocument();
  });
});
