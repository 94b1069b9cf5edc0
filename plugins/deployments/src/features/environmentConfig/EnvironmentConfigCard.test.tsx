import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ProductEnvironmentConfigs } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { fakeDeploymentsApi, pageOf } from '../../testing/fakeDeploymentsApi';
import { EnvironmentConfigCard } from './EnvironmentConfigCard';

const PRODUCT = 'component:default/payment-api';
const configs = (canManage = true): ProductEnvironmentConfigs => ({
  product: PRODUCT,
  canManage,
  environments: ['development', 'staging'].map((environment, i) => ({
    product: PRODUCT,
    environment,
    version: i ? '2.0.5' : null,
    variables: (i ? { REPLICA_COUNT: '3' } : {}) as Record<string, string>,
    revision: i,
    versionSince: null,
    updatedAt: null,
    updatedBy: null,
  })),
});

let user: ReturnType<typeof userEvent.setup>;
beforeEach(() => {
  user = userEvent.setup({ delay: null });
});

function renderCard(
  api: ReturnType<typeof fakeDeploymentsApi>,
  canManage = true,
  onChanged = jest.fn(),
) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <EnvironmentConfigCard
        product={PRODUCT}
        configs={configs(canManage)}
        environments={['development', 'staging']}
        onChanged={onChanged}
      />
    </TestApiProvider>,
  );
}

describe('EnvironmentConfigCard', () => {
  it('edits the version and variables of an environment', async () => {
    const api = fakeDeploymentsApi();
    const onChanged = jest.fn();
    await renderCard(api, true, onChanged);
    expect(screen.getByText('REPLICA_COUNT=3')).toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'Edit configuration of staging' }),
    );
    const dialog = await screen.findByRole('dialog');
    const version = within(dialog).getByLabelText('Version live there');
    await user.clear(version);
    await user.type(version, '2.1.0');
    const value = within(dialog).getByLabelText('Value 1');
    await user.clear(value);
    await user.type(value, '5');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add variable' }),
    );
    await user.type(within(dialog).getByLabelText('Name 2'), 'LOG_LEVEL');
    await user.type(within(dialog).getByLabelText('Value 2'), 'info');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save configuration' }),
    );
    await waitFor(() =>
      expect(api.saveEnvironmentConfig).toHaveBeenCalledWith(
        PRODUCT,
        'staging',
        {
          version: '2.1.0',
          variables: { REPLICA_COUNT: '5', LOG_LEVEL: 'info' },
        },
      ),
    );
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
  });

  it('refuses a value over 4 KB and a repeated name before saving', async () => {
    const api = fakeDeploymentsApi();
    await renderCard(api);
    await user.click(
      screen.getByRole('button', { name: 'Edit configuration of staging' }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('Value 1'));
    await user.clear(within(dialog).getByLabelText('Value 1'));
    await user.paste('x'.repeat(4097));
    await user.click(
      within(dialog).getByRole('button', { name: 'Save configuration' }),
    );
    expect(
      await within(dialog).findByText(/over 4096 bytes/),
    ).toBeInTheDocument();

    await user.clear(within(dialog).getByLabelText('Value 1'));
    await user.type(within(dialog).getByLabelText('Value 1'), '4');
    await user.click(
      within(dialog).getByRole('button', { name: 'Add variable' }),
    );
    await user.type(within(dialog).getByLabelText('Name 2'), 'REPLICA_COUNT');
    await user.click(
      within(dialog).getByRole('button', { name: 'Save configuration' }),
    );
    expect(
      await within(dialog).findByText('REPLICA_COUNT is listed twice'),
    ).toBeInTheDocument();
    expect(api.saveEnvironmentConfig).not.toHaveBeenCalled();
  });

  it('shows the history, and no Edit to people who may not manage it', async () => {
    const api = fakeDeploymentsApi();
    api.listEnvironmentConfigHistory.mockResolvedValue(
      pageOf([
        {
          id: 1,
          product: PRODUCT,
          environment: 'staging',
          revision: 1,
          version: '2.0.5',
          variables: { REPLICA_COUNT: '3' },
          source: 'deployment',
          promotedFrom: null,
          deploymentId: 42,
          promotionId: null,
          changedBy: 'ci',
          changedAt: '2026-12-01T10:00:00Z',
        },
      ]),
    );
    await renderCard(api, false);
    expect(
      screen.queryByRole('button', { name: /Edit configuration/ }),
    ).not.toBeInTheDocument();
    await user.click(
      screen.getByRole('button', { name: 'History of staging' }),
    );
    expect(await screen.findByText('deployment #42')).toBeInTheDocument();
  });
});
