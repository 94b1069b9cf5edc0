import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EnvironmentFreeze,
  EnvironmentOverview,
  breakGlassPermission,
  environmentManagePermission,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import {
  environments,
  fakeDeploymentsApi,
} from '../../testing/fakeDeploymentsApi';
import { EnvironmentsPage } from './EnvironmentsPage';
import { serverRefusal } from '../../testing/serverRefusal';

jest.mock('@backstage/plugin-permission-react', () => ({
  ...jest.requireActual('@backstage/plugin-permission-react'),
  usePermission: jest.fn(),
}));
const usePermissionMock = usePermission as jest.MockedFunction<
  typeof usePermission
>;

const freeze = (overrides: Partial<EnvironmentFreeze>): EnvironmentFreeze => ({
  id: 1,
  environment: 'production',
  reason: 'Weekend',
  kind: 'recurring',
  start: null,
  end: null,
  cron: '0 18 * * 5',
  durationMinutes: 60 * 60,
  timezone: 'Europe/Berlin',
  createdBy: 'user:default/ada',
  createdAt: '2026-11-01T00:00:00.000Z',
  active: false,
  activeUntil: null,
  nextStart: '2026-12-04T17:00:00.000Z',
  ...overrides,
});

const withFreezes = (): EnvironmentOverview[] =>
  environments.map(e =>
    e.name === 'production'
      ? {
          ...e,
          frozen: true,
          frozenBy: {
            id: 2,
            reason: 'Holidays',
            until: '2026-12-27T00:00:00.000Z',
          },
          freezes: [
            freeze({}),
            freeze({
              id: 2,
              reason: 'Holidays',
              kind: 'one-off',
              cron: null,
              durationMinutes: null,
              timezone: null,
              start: '2026-12-24T00:00:00.000Z',
              end: '2026-12-27T00:00:00.000Z',
              active: true,
              activeUntil: '2026-12-27T00:00:00.000Z',
              nextStart: null,
            }),
          ],
        }
      : e,
  );

let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

async function renderPage(
  api: ReturnType<typeof fakeDeploymentsApi>,
  canManage: boolean,
  canBreakGlass = false,
) {
  usePermissionMock.mockImplementation(({ permission }) => ({
    loading: false,
    allowed:
      (permission.name === environmentManagePermission.name && canManage) ||
      (permission.name === breakGlassPermission.name && canBreakGlass),
  }));
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <EnvironmentsPage />
    </TestApiProvider>,
  );
}

describe('EnvironmentsPage', () => {
  it('shows each environment with its policy, whether it is frozen, and its freezes in words', async () => {
    const api = fakeDeploymentsApi();
    api.listEnvironments.mockResolvedValue(withFreezes());
    await renderPage(api, false);

    const row = (await screen.findByText('Production')).closest('tr')!;
    expect(within(row).getByText(/^Frozen until/)).toBeInTheDocument();
    expect(within(row).getByText('2 approvals')).toBeInTheDocument();
    // The recurring schedule in words (cronstrue), with its time zone and duration.
    expect(
      within(row).getByText(
        /At 18:00, only on Friday \(Europe\/Berlin\), for 60 h/,
      ),
    ).toBeInTheDocument();
    expect(within(row).getByText(/^Next:/)).toBeInTheDocument();
    expect(within(row).getByText(/^Active until/)).toBeInTheDocument();
    const staging = screen.getByText('Staging').closest('tr')!;
    expect(within(staging).getByText('Open')).toBeInTheDocument();
    // Without the permission: nothing to change.
    expect(
      screen.queryByRole('button', { name: 'Stop the line' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Edit production' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Lift freeze/ }),
    ).not.toBeInTheDocument();
  });

  it('lets an admin edit an environment', async () => {
    const api = fakeDeploymentsApi();
    api.updateEnvironment.mockResolvedValue(environments[0]);
    await renderPage(api, true);
    await user.click(
      await screen.findByRole('button', { name: 'Edit staging' }),
    );
    const dialog = screen.getByRole('dialog');
    const title = within(dialog).getByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Staging EU');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateEnvironment).toHaveBeenCalledWith('staging', {
        title: 'Staging EU',
        tier: 'staging',
        order: 20,
        deployPolicy: 'direct',
        requiredApprovals: 0,
        allowSelfApproval: true,
      }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('adds a recurring freeze, and keeps the dialog with the server’s message on a 400', async () => {
    const api = fakeDeploymentsApi();
    // The cron expression is the server's to check (the form checks the rest first).
    api.createFreeze.mockRejectedValueOnce(
      await serverRefusal(
        400,
        'InputError',
        "cron: invalid cron expression '61 18 * * 5'",
      ),
    );
    api.createFreeze.mockResolvedValueOnce(freeze({}));
    await renderPage(api, true);
    await user.click(
      await screen.findByRole('button', { name: 'Freeze production' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByLabelText('Recurring'));
    await user.type(within(dialog).getByLabelText(/Reason/), 'Weekend');
    const zone = within(dialog).getByLabelText(/Time zone/);
    await user.clear(zone);
    await user.type(zone, 'Europe/Berlin');
    expect(
      within(dialog).getByText('At 18:00, only on Friday'),
    ).toBeInTheDocument();
    const cron = within(dialog).getByLabelText(/Cron schedule/);
    await user.clear(cron);
    await user.type(cron, '61 18 * * 5');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add freeze' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "Could not add the freeze: cron: invalid cron expression '61 18 * * 5'",
    );
    await user.clear(cron);
    await user.type(cron, '0 18 * * 5');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add freeze' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.createFreeze).toHaveBeenLastCalledWith('production', {
      reason: 'Weekend',
      cron: '0 18 * * 5',
      durationMinutes: 60,
      timezone: 'Europe/Berlin',
    });
  });

  it('lifts a freeze and stops the line', async () => {
    const api = fakeDeploymentsApi();
    api.listEnvironments.mockResolvedValue(withFreezes());
    api.deleteFreeze.mockResolvedValue();
    api.stopTheLine.mockResolvedValue(freeze({ id: 9, environment: null }));
    await renderPage(api, true);
    await user.click(
      await screen.findByRole('button', { name: 'Lift freeze Holidays' }),
    );
    await waitFor(() =>
      expect(api.deleteFreeze).toHaveBeenCalledWith('production', 2),
    );

    await user.click(screen.getByRole('button', { name: 'Stop the line' }));
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Reason/), 'Incident 42');
    await user.click(
      within(dialog).getByRole('button', { name: 'Freeze every environment' }),
    );
    await waitFor(() =>
      expect(api.stopTheLine).toHaveBeenCalledWith({ reason: 'Incident 42' }),
    );
  });

  it('says why lifting a freeze was refused, and reads the list again', async () => {
    const api = fakeDeploymentsApi();
    api.listEnvironments.mockResolvedValue(withFreezes());
    api.deleteFreeze.mockRejectedValueOnce(
      await serverRefusal(404, 'NotFoundError', 'freeze 2 not found'),
    );
    await renderPage(api, true);
    await user.click(
      await screen.findByRole('button', { name: 'Lift freeze Holidays' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'freeze 2 not found',
    );
    expect(api.listEnvironments).toHaveBeenCalledTimes(2);
    await user.click(
      within(screen.getByRole('alert')).getByRole('button', { name: 'Close' }),
    );
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a stop-the-line freeze once, above the table, and lifts it by id', async () => {
    const api = fakeDeploymentsApi();
    const stop = freeze({
      id: 9,
      environment: null,
      reason: 'Incident 42',
      kind: 'one-off',
      cron: null,
      durationMinutes: null,
      timezone: null,
      start: '2026-11-30T00:00:00.000Z',
      active: true,
      nextStart: null,
    });
    api.listEnvironments.mockResolvedValue(
      environments.map(e => ({
        ...e,
        frozen: true,
        frozenBy: { id: 9, reason: 'Incident 42', until: null },
        freezes: [stop],
      })),
    );
    api.liftFreeze.mockResolvedValue();
    await renderPage(api, true);
    expect(
      await screen.findByText('Every environment is frozen'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/until lifted/).length).toBeGreaterThan(0);
    await user.click(
      screen.getByRole('button', { name: 'Lift freeze Incident 42' }),
    );
    await waitFor(() => expect(api.liftFreeze).toHaveBeenCalledWith(9));
  });

  it('lets a release manager break glass with a reason, and shows and closes the open session', async () => {
    const api = fakeDeploymentsApi();
    const session = {
      id: 4,
      environment: 'production',
      reason: 'Hotfix',
      openedBy: 'user:default/remy',
      openedAt: '2026-12-01T10:00:00.000Z',
      expiresAt: '2026-12-01T10:30:00.000Z',
      closedAt: null,
      closedBy: null,
      open: true,
      endsAt: '2026-12-01T10:30:00.000Z',
      durationMinutes: 3,
    };
    api.listEnvironments.mockResolvedValue(environments);
    api.openBreakGlass.mockResolvedValue(session);
    await renderPage(api, false, true);
    expect(
      screen.queryByRole('button', { name: 'Stop the line' }),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Break-glass report' }),
    ).toHaveAttribute('href', '/environments/break-glass');
    await user.click(
      screen.getByRole('button', { name: 'Break glass production' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Reason/), 'Hotfix');
    const minutes = within(dialog).getByLabelText(/Minutes/);
    await user.clear(minutes);
    await user.type(minutes, '15');
    api.listEnvironments.mockResolvedValue(
      environments.map(e =>
        e.name === 'production' ? { ...e, breakGlass: session } : e,
      ),
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Break glass' }),
    );
    await waitFor(() =>
      expect(api.openBreakGlass).toHaveBeenCalledWith('production', {
        reason: 'Hotfix',
        minutes: 15,
      }),
    );
    const row = (
      await screen.findByText(/^Break glass open until .*remy/)
    ).closest('tr')!;
    await user.click(
      within(row).getByRole('button', { name: 'Close break glass production' }),
    );
    await waitFor(() =>
      expect(api.closeBreakGlass).toHaveBeenCalledWith('production', 4),
    );
  });
});
