import { screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EnvironmentConfig,
  PromotionPreview,
  Workload,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { fakeDeploymentsApi } from '../../testing/fakeDeploymentsApi';
import { mockReactFlow } from '../../testing/mockReactFlow';
import { EntityPipelineContent } from '../pipelines/EntityPipelineContent';
import { PreviewDiff } from '../promotions/PreviewDiff';

mockReactFlow();

const SYSTEM = 'system:default/payments';
const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'team-payments' },
};

const workload = (name: string, version: string | null): [string, Workload] => [
  name,
  { product: `component:default/${name}`, version, versionSince: null },
];
const config = (
  environment: string,
  workloads: Array<[string, Workload]>,
): EnvironmentConfig => ({
  product: SYSTEM,
  environment,
  version: null,
  variables: environment === 'development' ? { REGION: 'eu' } : {},
  revision: 1,
  versionSince: null,
  updatedAt: null,
  updatedBy: null,
  workloads: Object.fromEntries(workloads),
});

function systemApi() {
  const api = fakeDeploymentsApi();
  api.getPipeline.mockResolvedValue({
    product: SYSTEM,
    stages: [{ environment: 'development' }, { environment: 'staging' }],
    transitions: [{ from: 'development', to: 'staging', requiredApprovals: 0 }],
    updatedAt: null,
    updatedBy: null,
    canManage: true,
  });
  api.listEnvironmentConfigs.mockResolvedValue({
    product: SYSTEM,
    canManage: true,
    environments: [
      config('development', [
        workload('ledger-service', '3.1.0'),
        workload('payment-api', '2.0.0'),
      ]),
      config('staging', [
        workload('ledger-service', '3.1.0'),
        workload('payment-api', null),
      ]),
    ],
  });
  return api;
}

describe('the Pipeline tab of a System', () => {
  it("shows each stage's components and versions, and the workloads table", async () => {
    const api = systemApi();
    await renderInTestApp(
      <TestApiProvider apis={[[deploymentsApiRef, api]]}>
        <EntityProvider entity={entity}>
          <EntityPipelineContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    const dev = await screen.findByTestId('stage-development');
    expect(within(dev).getByText('2 components · 2 live')).toBeInTheDocument();
    expect(within(dev).getByText('payment-api 2.0.0')).toBeInTheDocument();
    const staging = screen.getByTestId('stage-staging');
    expect(
      within(staging).getByText('2 components · 1 live'),
    ).toBeInTheDocument();
    expect(within(staging).getByText('payment-api —')).toBeInTheDocument();
    expect(within(staging).queryByText(/Nothing deployed/)).toBeNull();
    // A System has no deployments of its own to read versions from.
    expect(api.getMatrix).not.toHaveBeenCalled();

    const table = screen.getByRole('table', {
      name: 'Workloads in development',
    });
    expect(within(table).getByText('ledger-service')).toBeInTheDocument();
    expect(within(table).getByText('3.1.0')).toBeInTheDocument();
    expect(screen.getByText('Workloads')).toBeInTheDocument();
    expect(screen.queryByText('Version')).toBeNull();
  });
});

describe("PreviewDiff of a System's promotion", () => {
  it('lists each component with its version diff', async () => {
    const preview: PromotionPreview = {
      product: SYSTEM,
      source: 'development',
      target: 'staging',
      requiredApprovals: 0,
      workloads: {
        'ledger-service': {
          product: 'component:default/ledger-service',
          version: { source: '3.1.0', target: '3.1.0', action: 'no_change' },
        },
        'payment-api': {
          product: 'component:default/payment-api',
          version: { source: '2.0.0', target: null, action: 'add' },
        },
      },
      variables: {},
      conflicts: [],
      changes: { workloads: 1, variables: 0, bindings: 0, total: 1 },
      soak: {
        requiredMinutes: 0,
        elapsedMinutes: null,
        remainingMinutes: 0,
        satisfied: true,
      },
      at: '2026-12-01T10:00:00Z',
    };
    await renderInTestApp(<PreviewDiff preview={preview} />);
    const table = screen.getByRole('table', { name: 'Workload diff' });
    expect(within(table).getByText('Component')).toBeInTheDocument();
    const row = within(table).getByText('payment-api').closest('tr')!;
    expect(within(row as HTMLElement).getByText('2.0.0')).toBeInTheDocument();
    expect(within(row as HTMLElement).getByText('add')).toBeInTheDocument();
    const same = within(table).getByText('ledger-service').closest('tr')!;
    expect(
      within(same as HTMLElement).getByText('no change'),
    ).toBeInTheDocument();
  });
});
