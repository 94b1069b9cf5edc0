import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { DeploymentRequestRecord } from './DeploymentRequestRecord';
import { RequestNotifier } from './RequestNotifier';

const request: DeploymentRequestRecord = {
  id: 7,
  title: 'Release payments 2.0',
  description: '',
  environment: 'production',
  state: 'approved',
  createdBy: 'user:default/devon',
  gatesUnnamedEvents: true,
  templateId: null,
  clonedFromId: null,
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  submittedAt: null,
  resolvedAt: null,
  completedAt: null,
  items: [{ id: 1, product: 'component:default/payment-api', version: '2.0.0' }],
  steps: [],
  slots: [{ id: 3, approvalType: 'qa', requiredCount: 1, state: 'approved', decisions: [] }],
};

const orgRoles = OrgRoles.fromConfig(
  new ConfigReader({ deployments: { roles: { qa: ['group:default/qa-team'] } } }),
);

describe('RequestNotifier', () => {
  it('answers at once and sends afterwards, in order', async () => {
    const sent: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>(resolve => (release = resolve));
    const notifier = new RequestNotifier(
      {
        send: async ({ payload }: any) => {
          await gate;
          sent.push(payload.title);
        },
      } as any,
      { publish: async () => void sent.push('signal') } as any,
      orgRoles,
      mockServices.logger.mock(),
    );
    await notifier.decided(request, { approvalType: 'qa', state: 'approved' }, 'user:default/quinn', null);
    await notifier.changed(request, 'user:default/quinn');
    // The calls returned while the notifications service had not answered yet.
    expect(sent).toEqual([]);
    release();
    await notifier.idle();
    // The decision that approved the request is one notification to the requester, not two.
    expect(sent).toEqual([
      'Deployment request approved — ready to deploy: Release payments 2.0',
      'No longer needs you: Release payments 2.0 (approved)',
      'signal',
    ]);
  });

  it('tells the requester of a resolved slot while the request is in progress, and of the request once it resolves, naming the slot', async () => {
    const sent: Array<{ title: string; description: string; scope: string }> = [];
    const notifier = new RequestNotifier(
      { send: async ({ payload }: any) => void sent.push(payload) } as any,
      { publish: async () => undefined } as any,
      orgRoles,
      mockServices.logger.mock(),
    );
    const inProgress = { ...request, state: 'in_progress' as const };
    await notifier.decided(inProgress, { approvalType: 'qa', state: 'approved' }, 'user:default/quinn', 'looks good');
    await notifier.decided(inProgress, undefined, 'user:default/quinn', null);
    await notifier.decided(
      { ...request, state: 'rejected' },
      { approvalType: 'qa', state: 'rejected' },
      'user:default/quinn',
      'flaky tests',
    );
    await notifier.idle();
    expect(sent.map(n => [n.title, n.description])).toEqual([
      ['qa approved: Release payments 2.0', 'quinn approved the qa slot: "looks good"'],
      [
        'Deployment request rejected — deployment blocked: Release payments 2.0',
        'quinn rejected the qa slot: "flaky tests" payment-api 2.0.0 → production',
      ],
      ['No longer needs you: Release payments 2.0 (rejected)', 'payment-api 2.0.0 → production'],
    ]);
    expect(new Set(sent.slice(0, 2).map(n => n.scope))).toEqual(new Set(['deployment-request-7-requester']));
  });

  it('logs a failed delivery and goes on with the next', async () => {
    const logger = mockServices.logger.mock();
    const signals: unknown[] = [];
    const notifier = new RequestNotifier(
      { send: async () => Promise.reject(new Error('notifications backend is down')) } as any,
      { publish: async (m: unknown) => void signals.push(m) } as any,
      orgRoles,
      logger,
    );
    await expect(notifier.requestResolved(request, 'user:default/quinn')).resolves.toBeUndefined();
    await notifier.changed(request, 'user:default/quinn');
    await notifier.idle();
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/notifications backend is down/));
    expect(signals).toHaveLength(1);
  });
});
