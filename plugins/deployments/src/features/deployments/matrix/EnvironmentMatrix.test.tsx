import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { deploymentsApiRef } from '../../../api';
import {
  fakeDeploymentsApi,
  matrixCell,
  matrixOf,
  product,
} from '../../../testing/fakeDeploymentsApi';
import { EnvironmentMatrix } from './EnvironmentMatrix';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function renderMatrix(
  api: ReturnType<typeof fakeDeploymentsApi>,
  element = <EnvironmentMatrix />,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      {element}
    </TestApiProvider>,
    { mountedRoutes },
  );
}

describe('EnvironmentMatrix', () => {
  it('shows the four cell states with version, time and author, environments in order', async () => {
    const api = fakeDeploymentsApi();
    api.getMatrix.mockResolvedValue(
      matrixOf([
        {
          product: product('payment-api', { title: 'Payment API' }),
          cells: {
            development: matrixCell({
              version: '1.3.0',
              state: 'in_progress',
              status: 'running',
              deployedBy: 'bob',
            }),
            staging: matrixCell({
              version: '1.2.0',
              state: 'failed',
              status: 'failed',
            }),
            production: matrixCell({
              version: '1.1.0',
              state: 'deployed',
              status: 'success',
              buildUrl: 'https://ci.example.com/builds/7',
            }),
          },
        },
        {
          product: product('ledger'),
          cells: {
            development: matrixCell({
              version: '0.9.0',
              state: 'in_progress',
              status: 'blocked',
            }),
          },
        },
      ]),
    );

    await renderMatrix(api);

    const table = await screen.findByRole('table', {
      name: 'Environment matrix',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Product',
      'Developmentdevelopment',
      'Stagingstaging',
      'Productionproduction',
    ]);

    const [, paymentRow, ledgerRow] = within(table).getAllByRole('row');
    // The first cell of a row is the product.
    const [, ...payment] = within(paymentRow).getAllByRole('cell');
    expect(payment[0]).toHaveTextContent('In progress');
    expect(
      within(payment[0]).getByTestId('status-running'),
    ).toBeInTheDocument();
    expect(payment[0]).toHaveTextContent('1.3.0');
    expect(payment[0]).toHaveTextContent('by bob');
    expect(payment[1]).toHaveTextContent('Failed');
    expect(within(payment[1]).getByTestId('status-error')).toBeInTheDocument();
    expect(payment[1]).toHaveTextContent('1.2.0');
    expect(payment[2]).toHaveTextContent('Deployed');
    expect(within(payment[2]).getByTestId('status-ok')).toBeInTheDocument();
    expect(payment[2]).toHaveTextContent('1.1.0');
    expect(payment[2]).toHaveTextContent('2 hours ago by alice');
    expect(
      within(payment[2]).getByRole('link', { name: /^1\.1\.0/ }),
    ).toHaveAttribute('href', 'https://ci.example.com/builds/7');
    expect(
      within(paymentRow).getByRole('link', { name: 'Payment API' }),
    ).toHaveAttribute('href', '/catalog/default/component/payment-api');

    const [, ...ledger] = within(ledgerRow).getAllByRole('cell');
    expect(ledger[0]).toHaveTextContent('In progress (awaiting approval)');
    expect(within(ledger[0]).getByTestId('status-pending')).toBeInTheDocument();
    expect(ledger[1]).toHaveTextContent('Not deployed');
    expect(ledger[2]).toHaveTextContent('Not deployed');
    expect(api.getMatrix).toHaveBeenCalledWith(
      expect.objectContaining({ page: 1, per_page: 25 }),
    );
  });

  it('puts the full timestamp of a cell in its title', async () => {
    const api = fakeDeploymentsApi();
    api.getMatrix.mockResolvedValue(
      matrixOf([
        {
          product: product('payment-api'),
          cells: { staging: matrixCell({ at: '2024-05-01T10:05:00Z' }) },
        },
      ]),
    );
    const { container } = await renderMatrix(api);
    await screen.findByRole('table');
    const time = container.querySelector(
      'time[datetime="2024-05-01T10:05:00Z"]',
    );
    expect(time).toHaveAttribute('title', expect.stringMatching(/2024/));
  });

  it('says when a canceled attempt left nothing deployed', async () => {
    const api = fakeDeploymentsApi();
    api.getMatrix.mockResolvedValue(
      matrixOf([
        {
          product: product('payment-api'),
          cells: {
            staging: matrixCell({
              state: 'not_deployed',
              status: 'canceled',
              version: '2.0.0',
            }),
          },
        },
      ]),
    );
    await renderMatrix(api);
    expect(
      await screen.findByText('Not deployed (canceled)'),
    ).toBeInTheDocument();
    expect(screen.getByText('2.0.0')).toBeInTheDocument();
  });

  it('shows how CI records deployments when nothing was deployed yet', async () => {
    const api = fakeDeploymentsApi();
    api.getMatrix.mockResolvedValue(
      matrixOf([{ product: product('payment-api'), cells: {} }]),
    );
    await renderMatrix(
      api,
      <EnvironmentMatrix
        filter={{ product: 'component:default/payment-api' }}
      />,
    );
    expect(
      await screen.findByText('No deployments of this product yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/"product_name":"payment-api"/),
    ).toBeInTheDocument();
    expect(api.getMatrix).toHaveBeenCalledWith(
      expect.objectContaining({ product: 'component:default/payment-api' }),
    );
  });

  it('says so when no product matches the filters', async () => {
    const api = fakeDeploymentsApi();
    await renderMatrix(
      api,
      <EnvironmentMatrix filter={{ system: 'billing' }} />,
    );
    expect(
      await screen.findByText('No products match these filters'),
    ).toBeInTheDocument();
  });

  it('shows the error when the API rejects', async () => {
    const api = fakeDeploymentsApi();
    api.getMatrix.mockRejectedValue(
      new Error('deployments backend unavailable'),
    );
    await renderMatrix(api);
    expect(
      await screen.findByText('Error: deployments backend unavailable'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('pages over products', async () => {
    const api = fakeDeploymentsApi();
    api.getMatrix.mockImplementation(async query =>
      matrixOf(
        [
          {
            product: product(`product-${query?.page}`),
            cells: { staging: matrixCell() },
          },
        ],
        {
          total: 3,
          page: query?.page ?? 1,
          perPage: 1,
          nextPage: (query?.page ?? 1) < 3 ? (query?.page ?? 1) + 1 : null,
        },
      ),
    );
    await renderMatrix(api, <EnvironmentMatrix perPage={1} />);
    expect(await screen.findByText('product-1')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /next page/i }));
    expect(await screen.findByText('product-2')).toBeInTheDocument();
    expect(api.getMatrix).toHaveBeenLastCalledWith(
      expect.objectContaining({ page: 2, per_page: 1 }),
    );
  });
});
