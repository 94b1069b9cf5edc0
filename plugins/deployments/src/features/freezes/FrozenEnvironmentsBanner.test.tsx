import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EnvironmentOverview } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import {
  environments,
  fakeDeploymentsApi,
} from '../../testing/fakeDeploymentsApi';
import { FrozenEnvironmentsBanner } from './FrozenEnvironmentsBanner';
import { formatMoment } from './freezeText';

async function render(api: ReturnType<typeof fakeDeploymentsApi>) {
  return renderInTestApp(
    <TestApiProvider apis={[[deploymentsApiRef, api]]}>
      <div data-testid="page">
        <FrozenEnvironmentsBanner />
      </div>
    </TestApiProvider>,
  );
}

describe('FrozenEnvironmentsBanner', () => {
  it('says which environments are frozen, until when and why', async () => {
    const api = fakeDeploymentsApi();
    const until = '2026-12-27T00:00:00.000Z';
    const frozenBy: Record<string, EnvironmentOverview['frozenBy']> = {
      production: { id: 3, reason: 'Holidays', until },
      staging: { id: 4, reason: 'Incident 42', until: null },
    };
    api.listEnvironments.mockResolvedValue(
      environments.map(e =>
        frozenBy[e.name]
          ? { ...e, frozen: true, frozenBy: frozenBy[e.name] }
          : e,
      ),
    );
    await render(api);
    const banner = await screen.findByRole('status', {
      name: 'Frozen environments',
    });
    expect(banner).toHaveTextContent('2 environments are frozen');
    expect(banner).toHaveTextContent(
      `Production until ${formatMoment(until)} — Holidays`,
    );
    expect(banner).toHaveTextContent('Staging until lifted — Incident 42');
    expect(banner).not.toHaveTextContent('Development');
  });

  it('shows nothing when no environment is frozen', async () => {
    const api = fakeDeploymentsApi();
    await render(api);
    expect(api.listEnvironments).toHaveBeenCalled();
    expect(screen.getByTestId('page')).toBeEmptyDOMElement();
  });
});
