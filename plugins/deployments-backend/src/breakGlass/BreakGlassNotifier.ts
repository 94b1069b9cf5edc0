import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { BreakGlassSession } from '@shipgate/plugin-deployments-common';
import { OrgRoles } from '@shipgate/plugin-deployments-node';
import { AfterAnswerQueue } from '../notifications/AfterAnswerQueue';
import { QuietMoments } from '../http/ServingActivity';

/**
 * Tells admins that glass was broken: who, where, why, for how long. Sent after the answer;
 * a notification that cannot be delivered does not undo the session.
 */
export class BreakGlassNotifier {
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
      'notify admins of a break-glass session',
      { activity },
    );
  }

  opened(session: BreakGlassSession) {
    const admins = this.orgRoles.groupsOf(['admin']);
    if (admins.length === 0) return;
    this.queue.add(() =>
      this.notifications.send({
        recipients: { type: 'entity', entityRef: admins },
        payload: {
          title: `Break glass: ${session.environment} (${session.openedBy})`,
          description: `${session.reason} — freezes of ${session.environment} let deployments through until ${session.expiresAt}.`,
          link: '/environments/break-glass',
          severity: 'high',
          topic: 'Break glass',
          scope: `break-glass:${session.id}`,
        },
      }),
    );
  }

  /** Resolves once queued notifications are sent (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue.idle();
  }
}
