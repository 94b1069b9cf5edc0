import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { RecordDeploymentHint } from './RecordDeploymentHint';

describe('RecordDeploymentHint', () => {
  it('shows the curl example in a labelled region a keyboard user can focus and scroll', async () => {
    await renderInTestApp(
      <RecordDeploymentHint productName="ledger-service" />,
    );
    const example = screen.getByRole('region', {
      name: 'Example: record a deployment from CI with curl',
    });
    expect(example).toHaveAttribute('tabindex', '0');
    expect(example).toHaveTextContent('"product_name":"ledger-service"');
    expect(
      screen.getByRole('button', { name: 'Copy the example' }),
    ).toBeInTheDocument();
  });
});
