import { Route, Routes, useParams } from 'react-router-dom';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { usePermission } from '@backstage/plugin-permission-react';
import { deploymentRequestCreatePermission } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import {
  deploymentRequest,
  fakeDeploymentsApi,
  pageOf,
  requestSummary,
} from '../../testing/fakeDeploymentsApi';
import { paymentsSystem } from '../../testing/entities';
import { EntityDeploymentRequestsContent } from './EntityDeploymentRequestsContent';

// usePermission caches answers across renders (SWR), so a refused test would leak its answer
// into the next one; each test says what the permission answers instead.
jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payment-api', namespace: 'default' },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};
const PRODUCT = 'component:default/payment-api';

function RequestPage() {
  return <div>Request page #{useParams().id}</div>;
}

let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});


async function renderTab(
  api: ReturnType<typeof fakeDeploymentsApi>,
  { canCreate = true, shown = entity }: { canCreate?: boolean; shown?: Entity } = {},
) {
  usePermissionMock.mockImplementation(({ permission }) => ({
    loading: false,
    allowed:
      permission.name === deploymentRequestCreatePermission.name && canCreate,
  }));
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [entity] })],
      ]}
    >
      <Routes>
        <Route
          path="/"
          element={
            <EntityProvider entity={shown}>
              <EntityDeploymentRequestsContent />
            </EntityProvider>
          }
        />
        <Route path="/deployment-requests/:id" element={<RequestPage />} />
      </Routes>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityDeploymentRequestsContent', () => {
  it("lists the requests of the entity's product, each linked to its page", async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockResolvedValue(
      pageOf([
        requestSummary({
          id: 12,
          title: 'Release 2.0',
          environment: 'production',
          state: 'in_progress',
          createdBy: 'user:default/bob',
          waitingOn: [
            { approvalType: 'qa', missing: 1 },
            { approvalType: 'security', missing: 1 },
          ],
        }),
        requestSummary({
          id: 11,
          title: 'Hotfix',
          state: 'rejected',
          waitingOn: [],
        }),
      ]),
    );
    await renderTab(api);

    const link = await screen.findByRole('link', { name: 'Release 2.0' });
    expect(link).toHaveAttribute('href', '/deployment-requests/12');
    const row = link.closest('tr')!;
    expect(within(row).getByText('#12')).toBeInTheDocument();
    expect(within(row).getByText('production')).toBeInTheDocument();
    expect(within(row).getByText('In progress')).toBeInTheDocument();
    expect(within(row).getByText('QA, Security')).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'bob' })).toBeInTheDocument();
    const other = screen.getByRole('link', { name: 'Hotfix' }).closest('tr')!;
    expect(within(other).getByText('Rejected')).toBeInTheDocument();

    expect(api.listRequests).toHaveBeenCalledWith({
      product: PRODUCT,
      state: undefined,
      page: 1,
      per_page: 20,
    });
  });

  it('asks the server for the chosen state only', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockResolvedValue(pageOf([requestSummary()]));
    await renderTab(api);
    await screen.findByRole('link', { name: 'Release 2.0' });

    await user.click(screen.getByRole('button', { name: 'State filter' }));
    await user.click(
      within(await screen.findByRole('listbox')).getByRole('option', {
        name: 'Rejected',
      }),
    );

    await waitFor(() =>
      expect(api.listRequests).toHaveBeenLastCalledWith({
        product: PRODUCT,
        state: 'rejected',
        page: 1,
        per_page: 20,
      }),
    );
  });

  it('says so when the product has no requests yet, and offers to create one', async () => {
    const api = fakeDeploymentsApi();
    await renderTab(api);
    expect(
      await screen.findByText('No deployment requests for this product yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'New deployment request' }),
    ).toBeInTheDocument();
  });

  it('hides the create button from people who may not create requests', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockResolvedValue(pageOf([requestSummary()]));
    await renderTab(api, { canCreate: false });
    await screen.findByRole('link', { name: 'Release 2.0' });
    expect(usePermissionMock).toHaveBeenCalledWith({
      permission: deploymentRequestCreatePermission,
    });
    expect(
      screen.queryByRole('button', { name: 'New deployment request' }),
    ).not.toBeInTheDocument();
  });

  it('opens the form with this product filled in and goes to the saved request', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockResolvedValue(pageOf([requestSummary()]));
    api.createRequest.mockResolvedValue(
      deploymentRequest({ id: 77, state: 'draft' }),
    );
    await renderTab(api);

    await user.click(
      await screen.findByRole('button', { name: 'New deployment request' }),
    );
    expect(screen.getByRole('textbox', { name: /^Product 1/ })).toHaveValue(
      PRODUCT,
    );

    await user.click(screen.getByRole('textbox', { name: /^Title/ }));
    await user.paste('Release 2.1');
    await user.click(screen.getByRole('textbox', { name: /^Version 1/ }));
    await user.paste('2.1.0');
    const form = screen.getByRole('form', { name: 'New deployment request' });
    await user.click(
      within(form).getByRole('button', { name: 'Target environment' }),
    );
    await user.click(
      within(await screen.findByRole('listbox')).getByRole('option', {
        name: 'Staging',
      }),
    );
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    expect(await screen.findByText('Request page #77')).toBeInTheDocument();
    expect(api.createRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        items: [{ product: PRODUCT, version: '2.1.0' }],
        submit: false,
      }),
    );
  });

  it("lists a system's requests and opens the form with each of its components", async () => {
    const api = fakeDeploymentsApi();
    await renderTab(api, { shown: paymentsSystem });
    expect(
      await screen.findByText('No deployment requests for this system yet'),
    ).toBeInTheDocument();
    expect(api.listRequests).toHaveBeenCalledWith(
      expect.objectContaining({ product: 'system:default/payments' }),
    );

    await user.click(screen.getByRole('button', { name: 'New deployment request' }));
    expect(screen.getByRole('textbox', { name: /^Product 1/ })).toHaveValue(
      'component:default/ledger-service',
    );
    expect(screen.getByRole('textbox', { name: /^Product 2/ })).toHaveValue(
      PRODUCT,
    );
  });

  it('shows why the list could not be loaded', async () => {
    const api = fakeDeploymentsApi();
    api.listRequests.mockRejectedValue(new Error('backend unavailable'));
    await renderTab(api);
    expect(
      await screen.findByText('Error: backend unavailable', { selector: 'h6' }),
    ).toBeInTheDocument();
  });
});
