import {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/**
 * Runs one change as a Backstage audit event: the auditor hears that it began, then of its
 * success (with what `successMeta` says of the result) or of its failure, which is rethrown
 * for the router's error handler. Severity defaults to medium.
 */
export async function auditedChange<T>(
  auditor: AuditorService,
  event: AuditorServiceCreateEventOptions,
  change: () => Promise<T>,
  successMeta?: (result: T) => JsonObject,
): Promise<T> {
  const auditorEvent = await auditor.createEvent({
    severityLevel: 'medium',
    ...event,
  });
  try {
    const result = await change();
    await auditorEvent.success(
      successMeta ? { meta: successMeta(result) } : undefined,
    );
    return result;
  } catch (error) {
    await auditorEvent.fail({ error: error as Error });
    throw error;
  }
}
