import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { BreakGlassReportEntry } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { fakeDeploymentsApi } from '../../testing/fakeDeploymentsApi';
import { BreakGlassReportPage } from './BreakGlassReportPage';

const session: BreakGlassReportEntry = {
  id: 4,
  environment: 'production',
  reason: 'Hotfix for incident 7',
  openedBy: 'user:default/remy',
  openedAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-01T10:30:00.000Z',
  closedAt: '2026-12-01T10:12:00.000Z',
  closedBy: 'user:default/ada',
  open: false,
  endsAt: '2026-12-01T10:12:00.000Z',
  durationMinutes: 12,
  deployments: [
    {
      id: 31,
      product: 'component:default/payment-api',
      product_name: 'payment-api',
      version: '2.0.1',
      status: 'success',
      deployed_by: 'github-actions',
      created_at: '2026-12-01T10:05:00.000Z',
    },
  ],
};

describe('BreakGlassReportPage', () => {
  it('lists who broke glass, why, how long, and what went through; filters by environment', async () => {
    const user = userEvent.setup({ delay: null });
    const api = fakeDeploymentsApi();
    api.getBreakGlassReport.mockResolvedValue([session]);
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentsApiRef, api]]}>
        <BreakGlassReportPage />
      </TestApiProvider>,
    );
    const row = (await screen.findByText('Hotfix for incident 7')).closest(
      'tr',
    )!;
    expect(within(row).getByText('user:default/remy')).toBeInTheDocument();
    expect(
      within(row).getByText('closed by user:default/ada'),
    ).toBeInTheDocument();
    expect(within(row).getByText(/12 min/)).toBeInTheDocument();
    expect(within(row).getByText('#31 payment-api 2.0.1')).toBeInTheDocument();
    expect(api.getBreakGlassReport).toHaveBeenCalledWith({
      environment: undefined,
      from: undefined,
      to: undefined,
    });

    await user.click(screen.getByLabelText('Environment'));
    await user.click(await screen.findByRole('option', { name: 'Production' }));
    await waitFor(() =>
      expect(api.getBreakGlassReport).toHaveBeenLastCalledWith({
        environment: 'production',
        from: undefined,
        to: undefined,
      }),
    );
  });

  it('says so when there is no session', async () => {
    const api = fakeDeploymentsApi();
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentsApiRef, api]]}>
        <BreakGlassReportPage />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('No break-glass sessions in this window.'),
    ).toBeInTheDocument();
  });
});
