import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { usePermission } from '@backstage/plugin-permission-react';
import { environmentManagePermission } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import {
  environments,
  fakeDeploymentsApi,
} from '../../testing/fakeDeploymentsApi';
import { EnvironmentsPage } from '../environments/EnvironmentsPage';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;

const protectedProduction = () =>
  environments.map(e =>
    e.name === 'production'
      ? {
          ...e,
          protection: {
            approvalRules: [
              { role: 'qa' as const, requiredApprovals: 1 },
              { group: 'group:default/security-team', requiredApprovals: 2 },
            ],
            allowTriggererToApprove: false,
          },
        }
      : { ...e, protection: null },
  );

async function renderPage(
  api: ReturnType<typeof fakeDeploymentsApi>,
  canManage: boolean,
) {
  usePermissionMock.mockImplementation(({ permission }) => ({
    loading: false,
    allowed: permission.name === environmentManagePermission.name && canManage,
  }));
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <EnvironmentsPage />
    </TestApiProvider>,
  );
}

describe('protection on the Environments page', () => {
  it('shows how many rules protect each environment, and no button to those who may not change it', async () => {
    const api = fakeDeploymentsApi();
    api.listEnvironments.mockResolvedValue(protectedProduction());
    await renderPage(api, false);
    const production = (await screen.findByText('Production')).closest('tr')!;
    expect(within(production).getByText('2 rules')).toBeInTheDocument();
    const staging = screen.getByText('Staging').closest('tr')!;
    expect(within(staging).getByText('Unprotected')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Protection / }),
    ).not.toBeInTheDocument();
  });

  it('lets an admin protect an environment from its row', async () => {
    const api = fakeDeploymentsApi();
    api.listEnvironments.mockResolvedValue(protectedProduction());
    api.updateEnvironment.mockResolvedValue(environments[0]);
    await renderPage(api, true);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Protection staging' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Protect staging')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateEnvironment).toHaveBeenCalledWith('staging', {
        protection: {
          approvalRules: [{ role: 'qa', requiredApprovals: 1 }],
          allowTriggererToApprove: false,
        },
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.listEnvironments).toHaveBeenCalledTimes(2);
  });
});
