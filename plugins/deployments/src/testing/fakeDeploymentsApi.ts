import {
  EnvironmentConfigChange,
  ProductEnvironmentConfigs,
  Promotion,
  PromotionPipeline,
  Deployment,
  DeploymentRequest,
  DeploymentRequestSummary,
  DeploymentRequestTemplate,
  DeploymentsApi,
  EnvironmentOverview,
  Matrix,
  MatrixCell,
  Page,
  TaskList,
} from '@shipgate/plugin-deployments-common';

/** Environments as the seeded config has them, deliberately out of order. */
export const environments: EnvironmentOverview[] = [
  {
    name: 'production',
    title: 'Production',
    tier: 'production',
    order: 30,
    deployPolicy: 'manual',
    requiredApprovals: 2,
    allowSelfApproval: false,
    frozen: false,
    frozenBy: null,
    freezes: [],
    breakGlass: null,
  },
  {
    name: 'development',
    title: 'Development',
    tier: 'development',
    order: 10,
    deployPolicy: 'direct',
    requiredApprovals: 0,
    allowSelfApproval: true,
    frozen: false,
    frozenBy: null,
    freezes: [],
    breakGlass: null,
  },
  {
    name: 'staging',
    title: 'Staging',
    tier: 'staging',
    order: 20,
    deployPolicy: 'direct',
    requiredApprovals: 0,
    allowSelfApproval: true,
    frozen: false,
    frozenBy: null,
    freezes: [],
    breakGlass: null,
  },
];

export function matrixCell(overrides: Partial<MatrixCell> = {}): MatrixCell {
  return {
    state: 'deployed',
    deploymentId: 1,
    version: '1.0.0',
    status: 'success',
    deployedBy: 'alice',
    at: new Date(Date.now() - 2 * 3600_000).toISOString(),
    buildUrl: null,
    ...overrides,
  };
}

export function matrixOf(
  rows: Matrix['rows'],
  overrides: Partial<Matrix> = {},
): Matrix {
  return {
    environments: environments.map(({ name, title, tier, order }) => ({
      name,
      title,
      tier,
      order,
    })),
    rows,
    total: rows.length,
    page: 1,
    perPage: 25,
    nextPage: null,
    ...overrides,
  };
}

export function product(
  name: string,
  overrides: Partial<Matrix['rows'][0]['product']> = {},
) {
  return {
    entityRef: `component:default/${name}`,
    name,
    title: null,
    system: 'system:default/payments',
    owner: 'group:default/team-payments',
    ...overrides,
  };
}

export function deployment(overrides: Partial<Deployment> = {}): Deployment {
  const id = overrides.id ?? 1;
  return {
    id,
    iid: id,
    product: 'component:default/payment-api',
    product_name: 'payment-api',
    version: '1.0.0',
    environment: 'staging',
    status: 'success',
    blocked_reason: null,
    ref: 'main',
    sha: '0123456789abcdef0123456789abcdef01234567',
    tag: null,
    deployed_by: 'alice',
    build_url: 'https://ci.example.com/builds/1',
    extra_metadata: null,
    deployment_request_id: null,
    break_glass_id: null,
    created_at: '2024-05-01T10:00:00Z',
    updated_at: '2024-05-01T10:05:00Z',
    started_at: '2024-05-01T10:00:00Z',
    finished_at: '2024-05-01T10:05:00Z',
    ...overrides,
  };
}

export function pageOf<T>(
  items: T[],
  overrides: Partial<Page<T>> = {},
): Page<T> {
  return {
    items,
    total: items.length,
    page: 1,
    perPage: 20,
    nextPage: null,
    ...overrides,
  };
}

/** A DeploymentsApi whose every method is a jest mock; reads answer empty by default. */
export function fakeDeploymentsApi(): jest.Mocked<DeploymentsApi> {
  return {
    getMe: jest.fn(async () => ({
      userEntityRef: 'user:default/alice',
      roles: [],
      approvalTypes: [],
    })),
    listEnvironments: jest.fn(async () => environments),
    updateEnvironment: jest.fn(),
    createFreeze: jest.fn(),
    deleteFreeze: jest.fn(),
    stopTheLine: jest.fn(),
    liftFreeze: jest.fn(),
    openBreakGlass: jest.fn(),
    closeBreakGlass: jest.fn(),
    getBreakGlassReport: jest.fn(async () => []),
    listDeployments: jest.fn(async () => pageOf<Deployment>([])),
    getDeployment: jest.fn(),
    recordDeployment: jest.fn(),
    updateDeploymentStatus: jest.fn(),
    deleteDeployment: jest.fn(),
    getMatrix: jest.fn(async () => matrixOf([])),

    listRequests: jest.fn(async () => pageOf<DeploymentRequestSummary>([])),
    getRequest: jest.fn(async (id: number) => deploymentRequest({ id })),
    createRequest: jest.fn(),
    updateRequest: jest.fn(),
    submitRequest: jest.fn(),
    cancelRequest: jest.fn(),
    completeRequest: jest.fn(),
    cloneRequest: jest.fn(),
    decideSlot: jest.fn(),
    completeStep: jest.fn(),

    listTemplates: jest.fn(async () => [] as DeploymentRequestTemplate[]),
    getTemplate: jest.fn(),
    createTemplate: jest.fn(),
    updateTemplate: jest.fn(),
    deleteTemplate: jest.fn(),

    listRules: jest.fn(async () => []),
    getRule: jest.fn(),
    createRule: jest.fn(),
    updateRule: jest.fn(),
    deleteRule: jest.fn(),
    evaluateRules: jest.fn(),

    getTasks: jest.fn(
      async (): Promise<TaskList> => ({
        tasks: [],
        counts: { approvals: 0, steps: 0, promotions: 0, deploymentApprovals: 0, total: 0 },
      }),
    ),

    getPipeline: jest.fn(
      async (productRef: string): Promise<PromotionPipeline> => ({
        product: productRef,
        stages: [],
        transitions: [],
        updatedAt: null,
        updatedBy: null,
        canManage: true,
      }),
    ),
    listEnvironmentConfigs: jest.fn(
      async (productRef: string): Promise<ProductEnvironmentConfigs> => ({
        product: productRef,
        environments: environments.map(e => ({
          product: productRef,
          environment: e.name,
          version: null,
          variables: {},
          revision: 0,
          versionSince: null,
          updatedAt: null,
          updatedBy: null,
        })),
        canManage: true,
      }),
    ),
    saveEnvironmentConfig: jest.fn(async (productRef: string, environment: string, body: any) => ({
      product: productRef,
      environment,
      version: body.version ?? null,
      variables: body.variables ?? {},
      revision: 1,
      versionSince: '2026-12-01T10:00:00Z',
      updatedAt: '2026-12-01T10:00:00Z',
      updatedBy: 'user:default/alice',
    })),
    listEnvironmentConfigHistory: jest.fn(
      async (_product: string, _environment: string, _query?: object) =>
        pageOf<EnvironmentConfigChange>([]),
    ),
    previewPromotion: jest.fn(),
    requestPromotion: jest.fn(),
    listPromotions: jest.fn(async (_product: string, _query?: object) => pageOf<Promotion>([])),
    getPromotion: jest.fn(),
    approveDeployment: jest.fn(),
    approvePromotion: jest.fn(),
    rejectPromotion: jest.fn(),
    deployPromotion: jest.fn(),
    savePipeline: jest.fn(async (productRef: string, body: any) => ({
      product: productRef,
      stages: body.stages,
      transitions: body.transitions,
      updatedAt: '2026-12-01T10:00:00Z',
      updatedBy: 'user:default/alice',
      canManage: true,
    })),
  };
}

/** A deployment request as lists show it: one item, waiting on one QA approval. */
export function requestSummary(
  overrides: Partial<DeploymentRequestSummary> = {},
): DeploymentRequestSummary {
  return {
    id: 12,
    title: 'Release 2.0',
    environment: 'production',
    state: 'in_progress',
    createdBy: 'user:default/bob',
    items: [
      {
        id: 1,
        product: 'component:default/payment-api',
        productName: 'payment-api',
        version: '1.2.3',
      },
    ],
    waitingOn: [{ approvalType: 'qa', missing: 1 }],
    createdAt: '2024-05-01T10:00:00Z',
    updatedAt: '2024-05-01T11:00:00Z',
    ...overrides,
  };
}

/** A full deployment request: in progress, one open QA slot, no steps, nothing allowed. */
export function deploymentRequest(
  overrides: Partial<DeploymentRequest> = {},
): DeploymentRequest {
  const summary = requestSummary(overrides);
  return {
    ...summary,
    description: '',
    templateId: null,
    clonedFromId: null,
    slots: [
      {
        id: 101,
        approvalType: 'qa',
        requiredCount: 1,
        state: 'open',
        decisions: [],
      },
    ],
    steps: [],
    progress: {
      environments: ['development', 'staging', 'production'],
      rows: summary.items.map(item => ({
        product: item.product,
        productName: item.productName,
        version: item.version,
        cells: {},
      })),
    },
    audit: [],
    abilities: {
      edit: false,
      submit: false,
      cancel: false,
      complete: false,
      clone: false,
      decide: {},
      completeStep: {},
    },
    submittedAt: '2024-05-01T10:30:00Z',
    completedAt: null,
    ...overrides,
  };
}

/** A deployment request template: a production release with QA and security slots. */
export function template(
  overrides: Partial<DeploymentRequestTemplate> = {},
): DeploymentRequestTemplate {
  return {
    id: 5,
    name: 'Production release',
    description: 'Standard production release checklist',
    environments: ['production'],
    slots: [
      { approvalType: 'qa', requiredCount: 1 },
      { approvalType: 'security', requiredCount: 2 },
    ],
    preSteps: [
      { title: 'Run smoke tests', role: null },
      { title: 'Verify migrations', role: null },
    ],
    postSteps: [{ title: 'Check health dashboards', role: 'sre' }],
    createdBy: 'user:default/rita',
    updatedAt: '2024-05-01T10:00:00Z',
    ...overrides,
  };
}
