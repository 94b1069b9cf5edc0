import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { deploymentsApiRef } from '../../api';
import {
  deployment,
  fakeDeploymentsApi,
  matrixCell,
  matrixOf,
  pageOf,
  product,
} from '../../testing/fakeDeploymentsApi';
import { fakeSignalApi } from '../../testing/fakeSignalApi';
import { paymentsSystem } from '../../testing/entities';
import { EntityDeploymentsContent } from './EntityDeploymentsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-api', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};
const PRODUCT = 'component:default/payment-api';

async function renderContent(
  api: ReturnType<typeof fakeDeploymentsApi>,
  signals = fakeSignalApi(),
  shown: Entity = entity,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [signalApiRef, signals.api],
      ]}
    >
      <EntityProvider entity={shown}>
        <EntityDeploymentsContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

function withData(api: ReturnType<typeof fakeDeploymentsApi>) {
  api.getMatrix.mockResolvedValue(
    matrixOf([
      {
        product: product('payment-api'),
        cells: { staging: matrixCell({ version: '3.1.4' }) },
      },
    ]),
  );
  api.listDeployments.mockResolvedValue(
    pageOf([deployment({ id: 7, version: '3.1.4' })]),
  );
}

describe('EntityDeploymentsContent', () => {
  it("shows the matrix and the history of the entity's product", async () => {
    const api = fakeDeploymentsApi();
    withData(api);
    await renderContent(api);

    expect(await screen.findByText('Environments')).toBeInTheDocument();
    expect(screen.getByText('Deployment history')).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Environment matrix' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('#7')).toBeInTheDocument();
    expect(api.getMatrix).toHaveBeenCalledWith(
      expect.objectContaining({ product: PRODUCT }),
    );
    expect(api.listDeployments).toHaveBeenCalledWith(
      expect.objectContaining({ product: PRODUCT }),
    );
  });

  it('loads both again when the user clicks refresh', async () => {
    const api = fakeDeploymentsApi();
    withData(api);
    await renderContent(api);
    await screen.findByText('#7');
    const matrixCalls = api.getMatrix.mock.calls.length;
    const historyCalls = api.listDeployments.mock.calls.length;

    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() =>
      expect(api.getMatrix.mock.calls.length).toBe(matrixCalls + 1),
    );
    await waitFor(() =>
      expect(api.listDeployments.mock.calls.length).toBe(historyCalls + 1),
    );
  });

  it('loads again when the backend signals a change to this product, not to another', async () => {
    const api = fakeDeploymentsApi();
    withData(api);
    const signals = fakeSignalApi();
    await renderContent(api, signals);
    await screen.findByText('#7');
    const matrixCalls = api.getMatrix.mock.calls.length;

    act(() =>
      signals.send('deployments', {
        deploymentId: 9,
        product: 'component:default/ledger',
        environment: 'staging',
        status: 'success',
      }),
    );
    act(() =>
      signals.send('deployments', {
        deploymentId: 8,
        product: PRODUCT,
        environment: 'staging',
        status: 'running',
      }),
    );

    await waitFor(() =>
      expect(api.getMatrix.mock.calls.length).toBe(matrixCalls + 1),
    );
  });

  it("shows a system's components: its matrix, their history, and reloads on a change to any of them", async () => {
    const api = fakeDeploymentsApi();
    withData(api);
    const signals = fakeSignalApi();
    await renderContent(api, signals, paymentsSystem);
    await screen.findByText('#7');
    expect(api.getMatrix).toHaveBeenCalledWith(
      expect.objectContaining({ system: 'system:default/payments' }),
    );
    expect(api.listDeployments).toHaveBeenCalledWith(
      expect.objectContaining({ product: 'system:default/payments' }),
    );
    const historyCalls = api.listDeployments.mock.calls.length;

    const change = (deploymentId: number, changed: string) =>
      act(() =>
        signals.send('deployments', {
          deploymentId,
          product: changed,
          environment: 'staging',
          status: 'running',
        }),
      );
    change(9, 'component:default/storefront-web');
    change(10, 'component:default/ledger-service');

    await waitFor(() =>
      expect(api.listDeployments.mock.calls.length).toBe(historyCalls + 1),
    );
  });

  it('shows the empty state when the product was never deployed', async () => {
    const api = fakeDeploymentsApi();
    api.getMatrix.mockResolvedValue(
      matrixOf([{ product: product('payment-api'), cells: {} }]),
    );
    await renderContent(api);
    expect(
      await screen.findByText('No deployments of this product yet'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/No deployments recorded yet/),
    ).toBeInTheDocument();
  });
});
