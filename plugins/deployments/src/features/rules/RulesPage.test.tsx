import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  DeploymentRule,
  ruleManagePermission,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { fakeDeploymentsApi } from '../../testing/fakeDeploymentsApi';
import { RulesPage } from './RulesPage';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;

const prodRule: DeploymentRule = {
  id: 3,
  name: 'Production needs a request',
  enabled: true,
  match: {
    environments: [],
    tiers: ['production'],
    products: ['component:default/payment-api'],
  },
  requireApprovedRequest: true,
  requiredApprovals: [{ approvalType: 'security', count: 2 }],
  approvalOrder: ['qa', 'security'],
  createdBy: 'user:default/ada',
  createdAt: '2026-12-05T09:00:00Z',
  updatedBy: 'user:default/ada',
  updatedAt: '2026-12-05T09:00:00Z',
};

let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

async function renderPage(
  api: ReturnType<typeof fakeDeploymentsApi>,
  allowed = true,
) {
  usePermissionMock.mockImplementation(({ permission }) => ({
    loading: false,
    allowed: permission.name === ruleManagePermission.name && allowed,
  }));
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <RulesPage />
    </TestApiProvider>,
  );
}

describe('RulesPage', () => {
  it('lists rules with what they apply to and require', async () => {
    const api = fakeDeploymentsApi();
    api.listRules.mockResolvedValue([prodRule]);
    await renderPage(api);
    const row = (await screen.findByText('Production needs a request')).closest(
      'tr',
    )!;
    expect(
      within(row).getByText('tiers production; products payment-api'),
    ).toBeInTheDocument();
    expect(
      within(row).getByText(
        'an approved request; Security ×2; order QA → Security',
      ),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('checkbox', {
        name: 'Disable Production needs a request',
      }),
    ).toBeChecked();
  });

  it('tells people without the permission that rules are for admins, and asks nothing', async () => {
    const api = fakeDeploymentsApi();
    await renderPage(api, false);
    expect(
      await screen.findByText(/only people allowed to manage rules/),
    ).toBeInTheDocument();
    expect(api.listRules).not.toHaveBeenCalled();
    expect(
      screen.queryByRole('button', { name: 'New rule' }),
    ).not.toBeInTheDocument();
  });

  it('creates a rule from the dialog with the body the API takes', async () => {
    const api = fakeDeploymentsApi();
    api.createRule.mockResolvedValue(prodRule);
    await renderPage(api);
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    const dialog = screen.getByRole('dialog');
    await user.type(
      within(dialog).getByLabelText(/Name/),
      'Production needs a request',
    );
    await user.type(
      within(dialog).getByLabelText('Products'),
      'payment-api, ledger-service',
    );
    await user.click(
      within(dialog).getByLabelText(/An approved deployment request/),
    );
    await user.type(within(dialog).getByLabelText('Security'), '2');
    await user.type(
      within(dialog).getByLabelText('Approval order'),
      'qa, security',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Create rule' }),
    );
    await waitFor(() =>
      expect(api.createRule).toHaveBeenCalledWith({
        name: 'Production needs a request',
        enabled: true,
        match: {
          environments: [],
          tiers: [],
          products: ['payment-api', 'ledger-service'],
        },
        requireApprovedRequest: true,
        requiredApprovals: [{ approvalType: 'security', count: 2 }],
        approvalOrder: ['qa', 'security'],
      }),
    );
  });

  it('refuses a rule that requires nothing, or names an unknown approval type, before sending it', async () => {
    const api = fakeDeploymentsApi();
    await renderPage(api);
    await user.click(await screen.findByRole('button', { name: 'New rule' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Name/), 'Nothing');
    await user.click(
      within(dialog).getByRole('button', { name: 'Create rule' }),
    );
    expect(
      await within(dialog).findByText(/a rule needs at least one of/),
    ).toBeInTheDocument();
    await user.type(
      within(dialog).getByLabelText('Approval order'),
      'qa, astrology',
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Create rule' }),
    );
    expect(
      await within(dialog).findByText(/unknown approval types astrology/),
    ).toBeInTheDocument();
    expect(api.createRule).not.toHaveBeenCalled();
  });

  it('disables a rule with its toggle and deletes one after confirming', async () => {
    const api = fakeDeploymentsApi();
    api.listRules.mockResolvedValue([prodRule]);
    api.updateRule.mockResolvedValue({ ...prodRule, enabled: false });
    api.deleteRule.mockResolvedValue();
    await renderPage(api);
    await user.click(
      await screen.findByRole('checkbox', {
        name: 'Disable Production needs a request',
      }),
    );
    await waitFor(() =>
      expect(api.updateRule).toHaveBeenCalledWith(
        3,
        expect.objectContaining({ enabled: false, name: prodRule.name }),
      ),
    );

    await user.click(
      screen.getByRole('button', { name: 'Delete Production needs a request' }),
    );
    const confirm = screen.getByRole('dialog');
    expect(
      within(confirm).getByText(/Delete "Production needs a request"\?/),
    ).toBeInTheDocument();
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.deleteRule).toHaveBeenCalledWith(3));
  });

  it('says why a toggle was refused, keeps the rule as it was, and lets the message be dismissed', async () => {
    const api = fakeDeploymentsApi();
    api.listRules.mockResolvedValue([prodRule]);
    api.updateRule.mockRejectedValue(
      new Error('the approval type security is no longer known'),
    );
    await renderPage(api);
    const toggle = await screen.findByRole('checkbox', {
      name: 'Disable Production needs a request',
    });
    await user.click(toggle);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not change the rule: the approval type security is no longer known',
    );
    expect(toggle).toBeChecked();
    expect(toggle).toBeEnabled();
    expect(api.listRules).toHaveBeenCalledTimes(1);
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('evaluates an event and shows the decision, matching rules and reasons', async () => {
    const api = fakeDeploymentsApi();
    api.evaluateRules.mockResolvedValue({
      decision: 'block',
      rules: [
        {
          id: 3,
          name: 'Production needs a request',
          effects: [
            {
              kind: 'require_approved_request',
              satisfied: false,
              deploymentRequestId: null,
            },
          ],
        },
      ],
      reasons: [
        'rule "Production needs a request" requires an approved deployment request for payment-api 2.0.0 to production; create one at /deployment-requests/new?product=component%3Adefault%2Fpayment-api',
      ],
      gates: [],
    });
    await renderPage(api);
    await user.type(await screen.findByLabelText('Product'), 'payment-api');
    await user.type(screen.getByLabelText('Version'), '2.0.0');
    await user.type(screen.getByLabelText('Environment'), 'production');
    await user.click(screen.getByRole('button', { name: 'Evaluate' }));
    await waitFor(() =>
      expect(api.evaluateRules).toHaveBeenCalledWith({
        product: 'payment-api',
        version: '2.0.0',
        environment: 'production',
      }),
    );
    expect(
      await screen.findByText(/block: it would be recorded as blocked/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^rule "Production needs a request" requires an approved deployment request for payment-api 2.0.0 to production;$/,
      ),
    ).toBeInTheDocument();
    // The reason's path is a link to the new-request form.
    expect(
      screen.getByRole('link', { name: 'create the request' }),
    ).toHaveAttribute(
      'href',
      '/deployment-requests/new?product=component%3Adefault%2Fpayment-api',
    );
    expect(
      screen.getByText(/needs an approved deployment request/),
    ).toBeInTheDocument();
  });
});
