import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { productNameOf } from '@shipgate/plugin-deployments-common';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { PromotionRow } from './PromotionStore';
import { AfterAnswerQueue } from '../notifications/AfterAnswerQueue';
import { QuietMoments } from '../http/ServingActivity';

const TOPIC = 'Promotions';

const summary = (p: PromotionRow) => {
  const { changes } = p.preview;
  return `${changes.workloads} workload, ${changes.variables} variable change${
    changes.total === 1 ? '' : 's'
  }`;
};

/**
 * Tells people about promotions through the notifications inbox: approvers (admins, release
 * managers and the product's owners) when one needs them, the requester when it is approved,
 * rejected or completed. One notification per promotion and audience, updated in place.
 */
export class PromotionNotifier {
  private readonly queue: AfterAnswerQueue;

  constructor(
    private readonly notifications: NotificationService,
    private readonly orgRoles: OrgRoles,
    logger: LoggerService,
    /** Lets the plugin's answers go first (see ServingActivity). */
    activity?: QuietMoments,
  ) {
    this.queue = new AfterAnswerQueue(logger, 'send a promotion notification', {
      activity,
    });
  }

  approvalNeeded(promotion: PromotionRow, owner: string | null) {
    const recipients = [
      ...this.orgRoles.groupsOf(['admin', 'release_manager']),
      ...(owner ? [owner] : []),
    ];
    return this.queue.add(() =>
      this.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          excludeEntityRef: promotion.requestedBy,
        },
        payload: {
          title: `Promotion of ${productNameOf(promotion.product)} ${
            promotion.source
          } → ${promotion.target} needs your approval`,
          description: `${summary(promotion)}; ${
            promotion.requiredApprovals
          } approval(s) required.${
            promotion.notes ? ` Notes: ${promotion.notes}` : ''
          }`,
          link: promotionLink(promotion.id),
          topic: TOPIC,
          scope: `promotion-${promotion.id}-approvers`,
          severity: 'normal',
        },
      }),
    );
  }

  /** The requester hears of a move: approved (and released or not), rejected, completed. */
  statusChanged(promotion: PromotionRow, by: string, comment: string | null) {
    const words: Record<string, string> = {
      rejected: `was rejected by ${by}${comment ? `: ${comment}` : ''}`,
      completed: 'was approved and completed',
      pending_release:
        'was approved; its release waits for a deployment ("Deploy now")',
    };
    const said = words[promotion.status];
    if (!said) return Promise.resolve();
    return this.queue.add(() =>
      this.notifications.send({
        recipients: { type: 'entity', entityRef: promotion.requestedBy },
        payload: {
          title: `Promotion of ${productNameOf(promotion.product)} ${
            promotion.source
          } → ${promotion.target} ${said}`,
          link: promotionLink(promotion.id),
          topic: TOPIC,
          scope: `promotion-${promotion.id}-requester`,
          severity: promotion.status === 'rejected' ? 'high' : 'normal',
        },
      }),
    );
  }

  /** Resolves once queued notifications are sent (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }
}

/** The page of a promotion (the product's Pipeline tab opens it by id). */
export function promotionLink(id: number): string {
  return `/promotions/${id}`;
}
