import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { BreakGlassSession } from '@shipgate/plugin-deployments-common';
import { OrgRoles } from '@shipgate/plugin-deployments-node';

/**
 * Tells admins that glass was broken: who, where, why, for how long. Sent after the answer;
 * a notification that cannot be delivered does not undo the session.
 */
export class BreakGlassNotifier {
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly notifications: NotificationService,
    private readonly orgRoles: OrgRoles,
    private readonly logger: LoggerService,
  ) {}

  opened(session: BreakGlassSession) {
    const admins = this.orgRoles.groupsOf(['admin']);
    if (admins.length === 0) return;
    this.queue = this.queue.then(async () => {
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: admins },
          payload: {
            title: `Break glass: ${session.environment} (${session.openedBy})`,
            description: `${session.reason} — freezes of ${session.environment} let deployments through until ${session.expiresAt}.`,
            link: '/environments/break-glass',
            severity: 'high',
            topic: 'Break glass',
            scope: `break-glass:${session.id}`,
          },
        });
      } catch (error) {
        this.logger.warn(
          `Could not notify admins of break-glass session ${session.id}: ${error}`,
        );
      }
    });
  }

  /** Resolves once queued notifications are sent (tests, shutdown). */
  idle(): Promise<void> {
    return this.queue;
  }
}
