import { z } from 'zod';

const isoDateTime = z
  .string()
  .max(64)
  .refine(v => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}T/.test(v), {
    message: 'must be an ISO 8601 date and time, e.g. 2026-12-24T00:00:00Z',
  });

/** Whether the runtime knows an IANA time zone name. */
export function isKnownTimeZone(name: string): boolean {
  try {
    // Throws a RangeError for a name the runtime's time zone data does not have.
    return Boolean(new Intl.DateTimeFormat('en', { timeZone: name }));
  } catch {
    return false;
  }
}

/**
 * Body of POST /environments/:name/freezes: `{ start, end, reason }` (one-off) or
 * `{ cron, durationMinutes, timezone, reason }` (recurring). The cron expression itself is
 * checked by the backend's cron library. Each mistake names its field.
 */
export const createFreezeBodySchema = z
  .object({
    reason: z
      .string({ required_error: 'a freeze needs a reason' })
      .trim()
      .min(1, 'a freeze needs a reason')
      .max(1000),
    start: isoDateTime.optional(),
    end: isoDateTime.optional(),
    cron: z.string().trim().min(1).max(200).optional(),
    durationMinutes: z
      .number()
      .int()
      .positive('durationMinutes must be greater than 0')
      .max(60 * 24 * 366)
      .optional(),
    timezone: z.string().trim().min(1).max(100).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (body.cron !== undefined) {
      if (body.start !== undefined || body.end !== undefined) {
        issue(
          'cron',
          'a freeze is either one-off (start, end) or recurring (cron), not both',
        );
      }
      if (body.durationMinutes === undefined) {
        issue('durationMinutes', 'a recurring freeze needs durationMinutes');
      }
    } else {
      if (body.start === undefined)
        issue('start', 'a one-off freeze needs start (or give cron)');
      if (body.end === undefined) issue('end', 'a one-off freeze needs end');
      if (body.durationMinutes !== undefined || body.timezone !== undefined) {
        issue(
          'cron',
          'durationMinutes and timezone belong to a recurring freeze: give cron',
        );
      }
      if (
        body.start &&
        body.end &&
        Date.parse(body.end) <= Date.parse(body.start)
      ) {
        issue('end', 'end must be after start');
      }
    }
    if (body.timezone !== undefined && !isKnownTimeZone(body.timezone)) {
      issue(
        'timezone',
        `unknown time zone '${body.timezone}' (use an IANA name, e.g. Europe/Berlin)`,
      );
    }
  });
export type CreateFreezeBody = z.infer<typeof createFreezeBodySchema>;

/** Body of POST /freezes/stop-the-line: freeze every environment at once. */
export const stopTheLineBodySchema = z
  .object({
    reason: z
      .string({ required_error: 'a freeze needs a reason' })
      .trim()
      .min(1, 'a freeze needs a reason')
      .max(1000),
    /** When it lifts by itself; without it, it holds until an admin lifts it. */
    end: isoDateTime.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.end && Date.parse(body.end) <= Date.now()) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['end'],
        message: 'end must be in the future',
      });
    }
  });
export type StopTheLineBody = z.infer<typeof stopTheLineBodySchema>;
