import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { DEPLOYMENT_REQUEST_STATES } from '@shipgate/plugin-deployments-common';
import { DeploymentRequestStateChip } from './DeploymentRequestStateChip';

describe('DeploymentRequestStateChip', () => {
  it('names every state and explains it in the tooltip', async () => {
    await renderInTestApp(
      <>
        {DEPLOYMENT_REQUEST_STATES.map(state => (
          <DeploymentRequestStateChip key={state} state={state} />
        ))}
      </>,
    );
    expect(
      [
        'Draft',
        'In progress',
        'Approved',
        'Rejected',
        'Completed',
        'Canceled',
      ].map(label =>
        screen
          .getByText(label)
          .closest('[data-state]')
          ?.getAttribute('data-state'),
      ),
    ).toEqual([...DEPLOYMENT_REQUEST_STATES]);
    expect(screen.getByText('Rejected').closest('[title]')).toHaveAttribute(
      'title',
      'An approval slot was rejected; deployment blocked',
    );
  });

  it('draws canceled as an outlined chip and the others filled', async () => {
    await renderInTestApp(
      <>
        <DeploymentRequestStateChip state="canceled" />
        <DeploymentRequestStateChip state="approved" />
      </>,
    );
    expect(screen.getByText('Canceled').closest('[data-state]')).toHaveClass(
      'MuiChip-outlined',
    );
    expect(
      screen.getByText('Approved').closest('[data-state]'),
    ).not.toHaveClass('MuiChip-outlined');
  });
});
