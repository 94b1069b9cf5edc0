import { z } from 'zod';

const isoDateTime = z
  .string()
  .max(64)
  .refine(v => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d{2}-\d{2}/.test(v), {
    message: 'must be an ISO 8601 date, e.g. 2026-12-24T00:00:00Z',
  });

/** Body of POST /environments/:name/break-glass. */
export const openBreakGlassBodySchema = z
  .object({
    reason: z
      .string({ required_error: 'breaking glass needs a reason' })
      .trim()
      .min(1, 'breaking glass needs a reason')
      .max(1000),
    minutes: z
      .number({ required_error: 'minutes is required' })
      .int()
      .positive('minutes must be greater than 0')
      .max(24 * 60, 'minutes must be at most 1440 (one day)'),
  })
  .strict();
export type OpenBreakGlassBody = z.infer<typeof openBreakGlassBodySchema>;

/** Query of GET /break-glass. */
export const breakGlassQuerySchema = z
  .object({
    environment: z.string().trim().min(1).max(100).optional(),
    from: isoDateTime.optional(),
    to: isoDateTime.optional(),
  })
  .strict();
