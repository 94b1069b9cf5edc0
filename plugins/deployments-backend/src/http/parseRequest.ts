import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { createMessageBuilder, fromZodError } from 'zod-validation-error/v3';

/** One sentence per issue, each saying which field is at fault (`… at "items[0].version"`). */
const messageBuilder = createMessageBuilder({
  prefix: null,
  includePath: true,
  issueSeparator: '; ',
  maxIssuesInMessage: 10,
});

/** Validates request input with a wire schema; a mismatch is a 400 naming each field. */
export function parseRequest<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw new InputError(fromZodError(result.error, { messageBuilder }).message);
  }
  return result.data;
}

/** A positive integer path parameter, or a 400. */
export function parseId(value: string, name = 'id'): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(id) || id < 1) {
    throw new InputError(`${name} must be a positive whole number, got '${value}'`);
  }
  return id;
}
