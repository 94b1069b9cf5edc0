import { z } from 'zod';

export const taskQuerySchema = z
  .object({ product: z.string().trim().min(1).max(255).optional() })
  .strict();
