import { Route, Routes, useParams } from 'react-router-dom';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { usePermission } from '@backstage/plugin-permission-react';
import { deploymentsApiRef } from '../../../api';
import {
  deploymentRequest,
  fakeDeploymentsApi,
} from '../../../testing/fakeDeploymentsApi';
import { NewDeploymentRequestPage } from './NewDeploymentRequestPage';

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

function RequestPage() {
  return <div>Request page #{useParams().id}</div>;
}

async function renderPage(
  api: ReturnType<typeof fakeDeploymentsApi>,
  url: string,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [deploymentsApiRef, api],
        [catalogApiRef, catalogApiMock()],
      ]}
    >
      <Routes>
        <Route
          path="/deployment-requests/new"
          element={<NewDeploymentRequestPage />}
        />
        <Route path="/deployment-requests/:id" element={<RequestPage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: [url] },
  );
}

describe('NewDeploymentRequestPage', () => {
  it('pre-fills the product from the address and opens the submitted request', async () => {
    const user = userEvent.setup({ delay: null });
    const api = fakeDeploymentsApi();
    api.createRequest.mockResolvedValue(deploymentRequest({ id: 31 }));
    await renderPage(
      api,
      '/deployment-requests/new?product=component:default/ledger',
    );

    expect(
      screen.getByRole('heading', { name: 'New deployment request' }),
    ).toBeInTheDocument();
    const form = await screen.findByRole('form', {
      name: 'New deployment request',
    });
    expect(
      within(form).getByRole('textbox', { name: /^Product 1/ }),
    ).toHaveValue('component:default/ledger');

    await user.click(within(form).getByRole('textbox', { name: /^Title/ }));
    await user.paste('Ledger 0.4');
    await user.click(within(form).getByRole('textbox', { name: /^Version 1/ }));
    await user.paste('0.4.0');
    await user.click(
      within(form).getByRole('button', { name: 'Target environment' }),
    );
    await user.click(
      within(await screen.findByRole('listbox')).getByRole('option', {
        name: 'Production',
      }),
    );
    await user.click(
      within(form).getByRole('button', { name: 'Submit for approval' }),
    );

    expect(await screen.findByText('Request page #31')).toBeInTheDocument();
    expect(api.createRequest).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'Ledger 0.4',
        environment: 'production',
        items: [{ product: 'component:default/ledger', version: '0.4.0' }],
        submit: true,
      }),
    );
  });

  it('starts with an empty product without ?product=', async () => {
    await renderPage(fakeDeploymentsApi(), '/deployment-requests/new');
    expect(screen.getByRole('textbox', { name: /^Product 1/ })).toHaveValue('');
  });

  it('tells someone who may not create requests so, instead of a form the server would refuse', async () => {
    usePermissionMock.mockReturnValue({ loading: false, allowed: false });
    const api = fakeDeploymentsApi();
    await renderPage(api, '/deployment-requests/new');
    expect(
      screen.getByText(/does not let you create deployment requests/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Submit for approval' }),
    ).not.toBeInTheDocument();
  });

  it('shows progress, and no form, while the permission is being asked', async () => {
    usePermissionMock.mockReturnValue({ loading: true, allowed: false });
    await renderPage(fakeDeploymentsApi(), '/deployment-requests/new');
    expect(screen.getByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });
});
