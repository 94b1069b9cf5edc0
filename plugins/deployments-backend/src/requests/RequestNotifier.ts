import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  APPROVAL_TYPES,
  ApprovalType,
  DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL,
  DeploymentRequestSignal,
  ORG_ROLES,
  ROLE_APPROVAL_TYPES,
  productNameOf,
} from '@shipgate/plugin-deployments-common';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { DeploymentRequestRecord } from './DeploymentRequestRecord';
import { AfterAnswerQueue } from '../notifications/AfterAnswerQueue';
import { QuietMoments } from '../http/ServingActivity';

const TOPIC = 'Deployment requests';

const nameOf = (ref: string) => {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
};

const itemsText = (request: DeploymentRequestRecord) =>
  request.items.map(i => `${productNameOf(i.product)} ${i.version}`).join(', ');

/**
 * Tells people about deployment requests: approvers through the notifications inbox when a
 * request needs them, the requester when a slot or the request is resolved. Each request
 * has one notification per audience (its `scope`), updated in place instead of piling up.
 * Open pages learn of every change through a signal.
 */
export class RequestNotifier {
  private readonly queue: AfterAnswerQueue;

  constructor(
    private readonly notifications: NotificationService,
    private readonly signals: SignalsService,
    private readonly orgRoles: OrgRoles,
    private readonly logger: LoggerService,
    /** Lets the plugin's answers go first (see ServingActivity). */
    activity?: QuietMoments,
  ) {
    this.queue = new AfterAnswerQueue(logger, 'notify', { activity });
  }

  /** Groups whose members may decide slots of these approval types. */
  approverGroups(types: readonly ApprovalType[]): string[] {
    const roles = ORG_ROLES.filter(role =>
      ROLE_APPROVAL_TYPES[role].some(t => types.includes(t)),
    );
    return this.orgRoles.groupsOf(roles);
  }

  changed(request: DeploymentRequestRecord, actor: string) {
    return this.queue.add(() => this.publishChange(request, actor));
  }

  approvalNeeded(
    request: DeploymentRequestRecord,
    selfApprovalAllowed: boolean,
  ) {
    return this.queue.add(() =>
      this.sendApprovalNeeded(request, selfApprovalAllowed),
    );
  }

  /**
   * A decision on a slot: the requester hears of the resolved slot, or, when it resolved the
   * request too, of the request alone (one notification in the requester's scope, naming the
   * slot), and the approvers stand down.
   */
  decided(
    request: DeploymentRequestRecord,
    slot: { approvalType: ApprovalType; state: string } | undefined,
    by: string,
    comment: string | null,
  ) {
    if (request.state !== 'in_progress') {
      const because = slot ? this.slotText(slot, by, comment) : undefined;
      return this.queue.add(() =>
        this.sendRequestResolved(request, by, because),
      );
    }
    if (!slot) return Promise.resolve();
    return this.queue.add(() =>
      this.sendSlotResolved(request, slot, by, comment),
    );
  }

  requestResolved(request: DeploymentRequestRecord, by: string) {
    return this.queue.add(() => this.sendRequestResolved(request, by));
  }

  /** Resolves once everything queued so far was sent (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  private async publishChange(request: DeploymentRequestRecord, actor: string) {
    const message: DeploymentRequestSignal = {
      requestId: request.id,
      state: request.state,
      actor,
    };
    await this.safely(() =>
      this.signals.publish({
        recipients: { type: 'broadcast' },
        channel: DEPLOYMENT_REQUESTS_SIGNAL_CHANNEL,
        message: message as any,
      }),
    );
  }

  private async sendApprovalNeeded(
    request: DeploymentRequestRecord,
    selfApprovalAllowed: boolean,
  ) {
    const open = request.slots.filter(s => s.state === 'open');
    const groups = this.approverGroups(open.map(s => s.approvalType));
    if (groups.length === 0) return;
    const types = APPROVAL_TYPES.filter(t =>
      open.some(s => s.approvalType === t),
    );
    await this.send(
      groups,
      selfApprovalAllowed ? undefined : request.createdBy,
      {
        title: `Approval needed: ${request.title}`,
        description:
          `${nameOf(request.createdBy)} asks for ${types.join(
            ', ',
          )} approval to deploy ` +
          `${itemsText(request)} to ${request.environment}.`,
        link: `/deployment-requests/${request.id}`,
        severity: 'high',
        topic: TOPIC,
        scope: `deployment-request-${request.id}-approvers`,
      },
    );
  }

  private async sendSlotResolved(
    request: DeploymentRequestRecord,
    slot: { approvalType: ApprovalType; state: string },
    by: string,
    comment: string | null,
  ) {
    await this.send([request.createdBy], undefined, {
      title: `${slot.approvalType} ${slot.state}: ${request.title}`,
      description: this.slotText(slot, by, comment),
      link: `/deployment-requests/${request.id}`,
      severity: slot.state === 'rejected' ? 'high' : 'normal',
      topic: TOPIC,
      scope: `deployment-request-${request.id}-requester`,
    });
  }

  private slotText(
    slot: { approvalType: ApprovalType; state: string },
    by: string,
    comment: string | null,
  ) {
    return `${nameOf(by)} ${slot.state} the ${slot.approvalType} slot${
      comment ? `: "${comment}"` : '.'
    }`;
  }

  /**
   * The request reached a final or approved state: the requester hears it (with the decision
   * that did it, `because`), approvers stand down.
   */
  private async sendRequestResolved(
    request: DeploymentRequestRecord,
    by: string,
    because?: string,
  ) {
    const words: Record<string, string> = {
      approved: 'approved — ready to deploy',
      rejected: 'rejected — deployment blocked',
      completed: 'completed',
      canceled: 'canceled',
    };
    const what = words[request.state];
    if (!what) return;
    if (request.createdBy !== by || request.state !== 'canceled') {
      await this.send([request.createdBy], undefined, {
        title: `Deployment request ${what}: ${request.title}`,
        description: `${because ? `${because} ` : ''}${itemsText(request)} → ${
          request.environment
        }`,
        link: `/deployment-requests/${request.id}`,
        severity: request.state === 'rejected' ? 'high' : 'normal',
        topic: TOPIC,
        scope: `deployment-request-${request.id}-requester`,
      });
    }
    if (['approved', 'rejected', 'canceled'].includes(request.state)) {
      const groups = this.approverGroups(
        request.slots.map(s => s.approvalType),
      );
      if (groups.length) {
        await this.send(groups, request.createdBy, {
          title: `No longer needs you: ${request.title} (${request.state})`,
          description: `${itemsText(request)} → ${request.environment}`,
          link: `/deployment-requests/${request.id}`,
          severity: 'low',
          topic: TOPIC,
          scope: `deployment-request-${request.id}-approvers`,
        });
      }
    }
  }

  private async send(
    entityRef: string[],
    excludeEntityRef: string | undefined,
    payload: {
      title: string;
      description: string;
      link: string;
      severity: 'low' | 'normal' | 'high';
      topic: string;
      scope: string;
    },
  ) {
    await this.safely(() =>
      this.notifications.send({
        recipients: { type: 'entity', entityRef, excludeEntityRef },
        payload,
      }),
    );
  }

  /** A notification that cannot be delivered must not undo the decision that caused it. */
  private async safely(work: () => Promise<void>) {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`Could not notify: ${error}`);
    }
  }
}
