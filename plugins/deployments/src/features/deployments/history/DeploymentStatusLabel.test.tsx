import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { DEPLOYMENT_STATUSES } from '@shipgate/plugin-deployments-common';
import { DeploymentStatusLabel } from './DeploymentStatusLabel';

describe('DeploymentStatusLabel', () => {
  it.each([
    ['created', 'Created', 'Queued, not started yet'],
    ['blocked', 'Blocked', 'Waiting for approval'],
    ['running', 'Running', 'In progress'],
    ['success', 'Success', 'Deployed'],
    ['failed', 'Failed', 'The deployment failed'],
    ['canceled', 'Canceled', 'Canceled before it finished'],
  ] as const)('names %s as %s and explains it', async (status, label, hint) => {
    await renderInTestApp(<DeploymentStatusLabel status={status} />);
    expect(screen.getByText(label).closest('[title]')).toHaveAttribute(
      'title',
      hint,
    );
  });

  it('covers every canonical status', async () => {
    for (const status of DEPLOYMENT_STATUSES) {
      const { unmount } = await renderInTestApp(
        <DeploymentStatusLabel status={status} />,
      );
      expect(screen.queryByText(status)).not.toBeInTheDocument();
      unmount();
    }
  });
});
