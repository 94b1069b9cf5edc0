import { InputError, NotFoundError } from '@backstage/errors';
import { MAX_RECORD_ID } from '@shipgate/plugin-deployments-common';
import { z } from 'zod';
import { createMessageBuilder, fromZodError } from 'zod-validation-error/v3';

/** One sentence per issue, each saying which field is at fault (`… at "items[0].version"`). */
const messageBuilder = createMessageBuilder({
  prefix: null,
  includePath: true,
  issueSeparator: '; ',
  maxIssuesInMessage: 10,
});

/**
 * No body or query of the API nests deeper than this (`extra_metadata`, the deepest, allows
 * 10 levels below its field). Deeper input is refused before anything walks it recursively.
 */
const MAX_INPUT_DEPTH = 16;

/** A field's path as people write it: `slots[0].approvalType`. */
const pathText = (path: Array<string | number>) =>
  path
    .map((p, i) => {
      if (typeof p === 'number') return `[${p}]`;
      return i === 0 ? p : `.${p}`;
    })
    .join('');

/**
 * What no field of the API takes, refused for every field at once: a NUL byte in any text
 * (PostgreSQL cannot store it in text; SQLite would, so data would differ by database) and
 * nesting beyond MAX_INPUT_DEPTH. Iterative, so any depth is safe to look at.
 */
function refuseUnstorableInput(input: unknown) {
  const stack: Array<[unknown, Array<string | number>]> = [[input, []]];
  while (stack.length) {
    const [node, path] = stack.pop()!;
    if (typeof node === 'string') {
      if (node.includes('\u0000')) {
        throw new InputError(`text must not contain NUL bytes (\\u0000) at "${pathText(path)}"`);
      }
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) {
      throw new InputError(
        `input must not nest deeper than ${MAX_INPUT_DEPTH} levels at "${pathText(path.slice(0, 3))}…"`,
      );
    }
    for (const [key, child] of Object.entries(node)) {
      const childPath = [...path, Array.isArray(node) ? Number(key) : key];
      if (key.includes('\u0000')) {
        throw new InputError(`keys must not contain NUL bytes (\\u0000) at "${pathText(childPath)}"`);
      }
      stack.push([child, childPath]);
    }
  }
}

/** Validates request input with a wire schema; a mismatch is a 400 naming each field. */
export function parseRequest<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  refuseUnstorableInput(input);
  const result = schema.safeParse(input ?? {});
  if (!result.success) {
    throw new InputError(fromZodError(result.error, { messageBuilder }).message);
  }
  return result.data;
}

/** The largest deployment id: its column is a `bigint`, the API's numbers are doubles. */
export const MAX_DEPLOYMENT_ID = Number.MAX_SAFE_INTEGER;

/**
 * A positive integer path parameter, or a 400. An id beyond what its column holds names
 * nothing: 404, before PostgreSQL would fail on comparing it with an `integer` column.
 */
export function parseId(value: string, name = 'id', max = MAX_RECORD_ID): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || id < 1) {
    throw new InputError(`${name} must be a positive whole number, got '${value}'`);
  }
  if (!Number.isSafeInteger(id) || id > max) {
    throw new NotFoundError(`${name} ${value} names nothing: ids go up to ${max}`);
  }
  return id;
}
