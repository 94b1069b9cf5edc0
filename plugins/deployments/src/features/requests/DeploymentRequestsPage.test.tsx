import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { deploymentsApiRef } from '../../api';
import {
  deploymentRequest,
  fakeDeploymentsApi,
} from '../../testing/fakeDeploymentsApi';
import { fakeSignalApi } from '../../testing/fakeSignalApi';
import { DeploymentRequestsPage } from './DeploymentRequestsPage';

async function renderAt(path: string, api = fakeDeploymentsApi()) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [signalApiRef, fakeSignalApi().api],
        [catalogApiRef, catalogApiMock()],
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      <Routes>
        <Route
          path="/deployment-requests/*"
          element={<DeploymentRequestsPage />}
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

describe('DeploymentRequestsPage', () => {
  it('shows the list at its root', async () => {
    const api = await renderAt('/deployment-requests');
    expect(
      await screen.findByRole('heading', { name: 'Deployment Requests' }),
    ).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenCalled();
  });

  it('shows one request by id', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(
      deploymentRequest({ id: 7, title: 'Quarterly release' }),
    );
    await renderAt('/deployment-requests/7', api);
    expect(
      await screen.findByRole('heading', { name: 'Quarterly release' }),
    ).toBeInTheDocument();
    expect(api.getRequest).toHaveBeenCalledWith(7);
  });

  it('shows the new request form', async () => {
    await renderAt('/deployment-requests/new');
    expect(
      await screen.findByRole('heading', { name: 'New deployment request' }),
    ).toBeInTheDocument();
  });

  it('shows the edit page of a draft', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(
      deploymentRequest({ id: 8, state: 'draft', title: 'Draft one' }),
    );
    await renderAt('/deployment-requests/8/edit', api);
    expect(
      await screen.findByRole('heading', { name: /Edit/ }),
    ).toBeInTheDocument();
    expect(api.getRequest).toHaveBeenCalledWith(8);
  });

  it('shows the templates', async () => {
    const api = await renderAt('/deployment-requests/templates');
    expect(
      await screen.findByRole('heading', {
        name: 'Deployment request templates',
      }),
    ).toBeInTheDocument();
    expect(api.listTemplates).toHaveBeenCalled();
  });
});
