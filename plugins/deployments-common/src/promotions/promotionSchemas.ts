import { z } from 'zod';
import { PROMOTION_STATUSES } from './promotions';

const environmentName = z.string().trim().min(1).max(100);

/** Body of POST /products/:product/promotion/request. */
export const promotionRequestBodySchema = z
  .object({
    source: environmentName,
    target: environmentName,
    notes: z.string().trim().max(5_000).optional(),
  })
  .strict();
export type PromotionRequestBody = z.input<typeof promotionRequestBodySchema>;

/** Body of POST /promotions/:id/approve. */
export const promotionApproveBodySchema = z
  .object({ comment: z.string().trim().max(5_000).optional() })
  .strict();

/** Body of POST /promotions/:id/reject: a rejection says why. */
export const promotionRejectBodySchema = z
  .object({
    comment: z
      .string({ required_error: 'comment is required to reject' })
      .trim()
      .min(1, 'comment is required to reject')
      .max(5_000),
  })
  .strict();

const isoDate = z
  .string()
  .max(64)
  .refine(v => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO 8601 date' });

/** Query of GET /products/:product/promotions (the seed's history filters). */
export const promotionQuerySchema = z
  .object({
    environment: environmentName.optional(),
    status: z.enum(PROMOTION_STATUSES).optional(),
    requester: z.string().trim().min(1).max(255).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.coerce.number().int().min(1).default(1),
    per_page: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type PromotionQuery = z.input<typeof promotionQuerySchema>;
