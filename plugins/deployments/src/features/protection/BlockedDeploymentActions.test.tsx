import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { deploymentsApiRef } from '../../api';
import {
  deployment,
  fakeDeploymentsApi,
  pageOf,
} from '../../testing/fakeDeploymentsApi';
import { DeploymentHistoryTable } from '../deployments/history/DeploymentHistoryTable';

const PRODUCT = 'component:default/payment-api';
const blocked = deployment({
  id: 7,
  environment: 'production',
  status: 'blocked',
  blocked_reason: 'waiting for approvals: 1 from qa',
});

async function renderWith(api: ReturnType<typeof fakeDeploymentsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <DeploymentHistoryTable product={PRODUCT} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('blocked deployments in the history', () => {
  it('says what a blocked deployment waits for, and lets an approver approve it with a comment', async () => {
    const api = fakeDeploymentsApi();
    api.listDeployments.mockResolvedValue(pageOf([blocked]));
    api.getTasks.mockResolvedValue({
      tasks: [
        { kind: 'deployment_approval', deployment: blocked, matches: ['qa'] },
      ],
      counts: {
        approvals: 0,
        steps: 0,
        promotions: 0,
        deploymentApprovals: 1,
        total: 1,
      },
    });
    api.approveDeployment.mockResolvedValue({} as any);
    await renderWith(api);
    expect(
      await screen.findByText('blocked: waiting for 1 from qa'),
    ).toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve deployment #7' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Comment (optional)'),
      'tested on staging',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(api.approveDeployment).toHaveBeenCalledWith(7, {
        status: 'approved',
        comment: 'tested on staging',
      }),
    );
    // The table loads again to show the outcome.
    await waitFor(() => expect(api.listDeployments).toHaveBeenCalledTimes(2));
  });

  it('shows no decision to someone whose approval does not count, and keeps a refusal in the dialog', async () => {
    const api = fakeDeploymentsApi();
    api.listDeployments.mockResolvedValue(
      pageOf([
        blocked,
        deployment({
          id: 8,
          status: 'blocked',
          blocked_reason: 'waiting for approvals: 1 from security',
        }),
      ]),
    );
    api.getTasks.mockResolvedValue({
      tasks: [
        { kind: 'deployment_approval', deployment: blocked, matches: ['qa'] },
      ],
      counts: {
        approvals: 0,
        steps: 0,
        promotions: 0,
        deploymentApprovals: 1,
        total: 1,
      },
    });
    api.approveDeployment.mockRejectedValue(
      new Error('you have already decided on deployment 7'),
    );
    await renderWith(api);
    expect(
      await screen.findByText('blocked: waiting for 1 from security'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Approve deployment #8' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject deployment #7' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(api.approveDeployment).not.toHaveBeenCalled();
    await userEvent.type(
      within(dialog).getByLabelText('Why (required)'),
      'CVE open',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );
    expect(
      await within(dialog).findByText(
        /Could not reject: you have already decided/,
      ),
    ).toBeInTheDocument();
    expect(api.approveDeployment).toHaveBeenCalledWith(7, {
      status: 'rejected',
      comment: 'CVE open',
    });
  });
});
