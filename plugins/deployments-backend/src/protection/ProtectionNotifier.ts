import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Deployment, productNameOf } from '@shipgate/plugin-deployments-common';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { ApprovalSubject } from '../approvals/ApprovalSubject';
import { AfterAnswerQueue } from '../notifications/AfterAnswerQueue';
import { QuietMoments } from '../http/ServingActivity';

const TOPIC = 'Deployment approvals';

const what = (d: Deployment) =>
  `${productNameOf(d.product)} ${d.version} → ${d.environment}`;

/**
 * Tells people about blocked deployments through the notifications inbox: the approvers
 * named by the rules (a role's groups, a group, a user) when one waits on them, and the
 * triggerer when it is unblocked or rejected. One notification per deployment and audience.
 */
export class ProtectionNotifier {
  private readonly queue: AfterAnswerQueue;

  constructor(
    private readonly notifications: NotificationService,
    private readonly orgRoles: OrgRoles,
    logger: LoggerService,
    /** Lets the plugin's answers go first (see ServingActivity). */
    activity?: QuietMoments,
  ) {
    this.queue = new AfterAnswerQueue(
      logger,
      'send a deployment approval notification',
      { activity },
    );
  }

  approvalNeeded(deployment: Deployment, subject: ApprovalSubject) {
    const recipients = [
      ...new Set(
        subject.requirements.flatMap(r => {
          if (r.user) return [r.user];
          if (r.group) return [r.group];
          return r.role ? this.orgRoles.groupsOf([r.role]) : [];
        }),
      ),
    ];
    if (!recipients.length) return Promise.resolve();
    return this.queue.add(() =>
      this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          ...(subject.requestedBy
            ? { excludeEntityRef: subject.requestedBy }
            : {}),
        },
        payload: {
          title: `Deployment of ${what(deployment)} waits for your approval`,
          description: deployment.blocked_reason ?? undefined,
          link: deploymentApprovalLink(),
          topic: TOPIC,
          scope: `deployment-${deployment.id}-approvers`,
          severity: 'normal',
        },
      }),
    );
  }

  /** The triggerer hears that their deployment was unblocked or rejected. */
  decided(
    deployment: Deployment,
    triggerer: string | null,
    by: string,
    comment: string | null,
  ) {
    if (!triggerer) return Promise.resolve();
    const rejected = deployment.status === 'failed';
    return this.queue.add(() =>
      this.notifications.send({
        recipients: { type: 'entity', entityRef: triggerer },
        payload: {
          title: rejected
            ? `Deployment of ${what(deployment)} was rejected by ${by}${
                comment ? `: ${comment}` : ''
              }`
            : `Deployment of ${what(deployment)} is approved and may run`,
          link: `/catalog/default/component/${productNameOf(
            deployment.product,
          )}/deployments`,
          topic: TOPIC,
          scope: `deployment-${deployment.id}-triggerer`,
          severity: rejected ? 'high' : 'normal',
        },
      }),
    );
  }

  /** The triggerer hears that the environment's protection was lifted from under their deployment. */
  released(deployment: Deployment, triggerer: string | null, by: string) {
    if (!triggerer) return Promise.resolve();
    return this.queue.add(() =>
      this.notifications.send({
        recipients: { type: 'entity', entityRef: triggerer },
        payload: {
          title:
            deployment.status === 'blocked'
              ? `Deployment of ${what(
                  deployment,
                )} no longer waits for approvals (${by} lifted the protection of ${
                  deployment.environment
                }); it is still blocked: ${deployment.blocked_reason}`
              : `Deployment of ${what(
                  deployment,
                )} may run: ${by} lifted the protection of ${
                  deployment.environment
                }`,
          link: `/catalog/default/component/${productNameOf(
            deployment.product,
          )}/deployments`,
          topic: TOPIC,
          scope: `deployment-${deployment.id}-triggerer`,
          severity: 'normal',
        },
      }),
    );
  }

  /** Resolves once queued notifications are sent (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }
}

/** Where approvers act on blocked deployments: My Tasks. */
export function deploymentApprovalLink(): string {
  return '/my-tasks';
}
