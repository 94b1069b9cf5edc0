import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { BlockedReason } from './BlockedReason';

describe('BlockedReason', () => {
  it("turns a rule's path to the new-request form into a link and keeps the rest of the reason", async () => {
    await renderInTestApp(
      <BlockedReason reason='rule "Prod needs a request" requires an approved deployment request for payment-api 2.0.0 to production; create one at /deployment-requests/new?product=component%3Adefault%2Fpayment-api; waiting for approvals: 1 from qa' />,
    );
    const link = screen.getByRole('link', { name: 'create the request' });
    expect(link).toHaveAttribute(
      'href',
      '/deployment-requests/new?product=component%3Adefault%2Fpayment-api',
    );
    expect(link.parentElement).toHaveTextContent(
      'blocked: rule "Prod needs a request" requires an approved deployment request for payment-api 2.0.0 to production; create the request; waiting for approvals: 1 from qa',
    );
  });

  it('says what approvals a protected environment waits for, with no link', async () => {
    await renderInTestApp(<BlockedReason reason="waiting for approvals: 1 from qa" />);
    expect(screen.getByText('blocked: waiting for 1 from qa')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });
});
