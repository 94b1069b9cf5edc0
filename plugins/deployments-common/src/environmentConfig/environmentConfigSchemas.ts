import { z } from 'zod';

/** Limits of an environment's variables: the form and the API share them. */
export const MAX_VARIABLES = 500;
export const MAX_VARIABLE_VALUE_BYTES = 4096;

const byteLength = (text: string) => new TextEncoder().encode(text).length;

export const variableKeySchema = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/,
    'a variable name starts with a letter or _ and has at most 128 letters, digits, _ . -',
  );

export const variablesSchema = z
  .record(variableKeySchema, z.string())
  .superRefine((variables, ctx) => {
    const keys = Object.keys(variables);
    if (keys.length > MAX_VARIABLES) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `at most ${MAX_VARIABLES} variables, got ${keys.length}`,
      });
    }
    for (const key of keys) {
      if (byteLength(variables[key]) > MAX_VARIABLE_VALUE_BYTES) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [key],
          message: `the value of ${key} is over ${MAX_VARIABLE_VALUE_BYTES} bytes`,
        });
      }
    }
  });

/** Body of PUT /products/:product/environments/:env/config. */
export const environmentConfigBodySchema = z
  .object({
    version: z.string().trim().min(1, 'version may not be empty').max(100).nullable().optional(),
    variables: variablesSchema.default({}),
  })
  .strict();
export type EnvironmentConfigBody = z.input<typeof environmentConfigBodySchema>;

/** Query of GET …/config/history. */
export const configHistoryQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).default(1),
    per_page: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

/** Body of POST /products/:product/promotion/preview. */
export const promotionPreviewBodySchema = z
  .object({
    source: z.string().trim().min(1, 'source is required').max(100),
    target: z.string().trim().min(1, 'target is required').max(100),
  })
  .strict();
export type PromotionPreviewBody = z.input<typeof promotionPreviewBodySchema>;
