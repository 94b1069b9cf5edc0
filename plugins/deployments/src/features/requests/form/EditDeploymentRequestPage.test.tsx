import { Route, Routes } from 'react-router-dom';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { DeploymentRequest } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import {
  deploymentRequest,
  fakeDeploymentsApi,
} from '../../../testing/fakeDeploymentsApi';
import { EditDeploymentRequestPage } from './EditDeploymentRequestPage';

const editable: Partial<DeploymentRequest> = {
  id: 9,
  state: 'draft',
  title: 'Release 2.0',
  abilities: {
    edit: true,
    submit: true,
    cancel: true,
    complete: false,
    clone: false,
    decide: {},
    completeStep: {},
  },
};

async function renderPage(
  api: ReturnType<typeof fakeDeploymentsApi>,
  id = '9',
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
          path="/deployment-requests/:id/edit"
          element={<EditDeploymentRequestPage />}
        />
        <Route
          path="/deployment-requests/:id"
          element={<div>Request page</div>}
        />
      </Routes>
    </TestApiProvider>,
    { routeEntries: [`/deployment-requests/${id}/edit`] },
  );
}

describe('EditDeploymentRequestPage', () => {
  it('edits the draft named in the address and saves it', async () => {
    const user = userEvent.setup({ delay: null });
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(deploymentRequest(editable));
    api.updateRequest.mockResolvedValue(deploymentRequest(editable));
    await renderPage(api);

    const title = await screen.findByRole('textbox', { name: /^Title/ });
    expect(api.getRequest).toHaveBeenCalledWith(9);
    expect(title).toHaveValue('Release 2.0');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));

    expect(await screen.findByText('Request page')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.updateRequest).toHaveBeenCalledWith(
        9,
        expect.objectContaining({ title: 'Release 2.0' }),
      ),
    );
  });

  it('refuses a request that is no longer a draft, with a way back', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(
      deploymentRequest({ ...editable, state: 'in_progress' }),
    );
    await renderPage(api);

    expect(
      await screen.findByText('This request cannot be edited'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'This request is in progress; only drafts can be edited.',
      ),
    ).toBeInTheDocument();
    // A link drawn as a button.
    expect(
      screen.getByRole('button', { name: 'Back to the request' }),
    ).toHaveAttribute('href', '/deployment-requests/9');
    expect(
      screen.queryByRole('button', { name: 'Save draft' }),
    ).not.toBeInTheDocument();
  });

  it('refuses a draft the server says the caller may not edit', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockResolvedValue(
      deploymentRequest({
        ...editable,
        abilities: { ...editable.abilities!, edit: false },
      }),
    );
    await renderPage(api);
    expect(
      await screen.findByText(
        'Only the creator of this draft (or an admin) can edit it.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('textbox', { name: /^Title/ }),
    ).not.toBeInTheDocument();
  });

  it('shows why the request could not be loaded', async () => {
    const api = fakeDeploymentsApi();
    api.getRequest.mockRejectedValue(
      new Error('deployment request 9 not found'),
    );
    await renderPage(api);
    expect(
      await screen.findByText('Error: deployment request 9 not found', {
        selector: 'h6',
      }),
    ).toBeInTheDocument();
  });
});
