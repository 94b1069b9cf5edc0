import { z } from 'zod';
import { APPROVAL_TYPES } from './roles';

const approvalTypeSchema = z.enum(APPROVAL_TYPES, {
  errorMap: () => ({ message: `approvalType must be one of ${APPROVAL_TYPES.join(', ')}` }),
});

/** One approval slot asked for: an approval type and how many approvals it needs. */
export const approvalSlotInputSchema = z
  .object({
    approvalType: approvalTypeSchema,
    requiredCount: z
      .number({ invalid_type_error: 'requiredCount must be a whole number' })
      .int('requiredCount must be a whole number')
      .min(1, 'requiredCount must be at least 1')
      .max(20, 'requiredCount must be at most 20')
      .default(1),
  })
  .strict();

/** At most 12 slots, each approval type once (raise its count instead of repeating it). */
export const approvalSlotsInputSchema = z
  .array(approvalSlotInputSchema)
  .max(12, 'at most 12 approval slots')
  .superRefine((slots, ctx) => {
    const seen = new Set<string>();
    slots.forEach((slot, index) => {
      if (seen.has(slot.approvalType)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [index, 'approvalType'],
          message: `${slot.approvalType} appears twice; raise its requiredCount instead`,
        });
      }
      seen.add(slot.approvalType);
    });
  });

/**
 * Bodies name a request's or template's approval slots `slots`, as they are read back.
 * `approvalSlots` is the old input name, still accepted for this release and removed in the next.
 * A body with both keeps `approvalSlots` and is refused as an unknown field.
 */
export function acceptingOldSlotsName<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess(body => {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
    const { approvalSlots, ...rest } = body as Record<string, unknown>;
    if (approvalSlots === undefined || 'slots' in rest) return body;
    return { ...rest, slots: approvalSlots };
  }, schema);
}
