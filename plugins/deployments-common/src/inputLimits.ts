import { z } from 'zod';

/*
 * Limits that keep what the API accepts inside what the database stores: a value the API
 * takes must never fail on PostgreSQL (SQLite enforces neither lengths nor integer ranges).
 */

/** The largest id of a request, template, approval slot or step (a PostgreSQL `integer`). */
export const MAX_RECORD_ID = 2_147_483_647;

/** An id given in a body that names a request or template: a whole number the column holds. */
export const recordIdSchema = z
  .number({ invalid_type_error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be 1 or more')
  .max(MAX_RECORD_ID, `must be at most ${MAX_RECORD_ID}`);

/**
 * A link people open: http or https only. zod's url() also takes `javascript:` and `data:`,
 * which a link in the portal would run.
 */
export const httpUrlSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .url('must be an http or https URL')
    .refine(value => /^https?:\/\//i.test(value), 'must be an http or https URL');

/** `extra_metadata` nests at most this deep (the object itself is level 1). */
export const METADATA_MAX_DEPTH = 10;
/** …and is at most this large as JSON (UTF-8 bytes), also after events merged into it. */
export const METADATA_MAX_BYTES = 64 * 1024;

/** How deep objects and arrays nest in `value`, without recursion (any depth is safe). */
export function nestingDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** The size of `value` as JSON in UTF-8 bytes. Call it on values of a bounded depth only. */
export function jsonBytes(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).length;
}

/** Why metadata is too deep or too large, or undefined when it fits. */
export function metadataProblem(value: unknown): string | undefined {
  if (nestingDepth(value) > METADATA_MAX_DEPTH) {
    return `must nest at most ${METADATA_MAX_DEPTH} levels deep`;
  }
  const bytes = jsonBytes(value);
  if (bytes > METADATA_MAX_BYTES) {
    return `must be at most ${METADATA_MAX_BYTES} bytes as JSON, got ${bytes}`;
  }
  return undefined;
}

/** Free-form metadata of a deployment: a JSON object, bounded in depth and size. */
export const metadataSchema = z.record(z.unknown()).superRefine((value, ctx) => {
  const problem = metadataProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});
