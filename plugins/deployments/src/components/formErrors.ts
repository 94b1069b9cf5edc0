import { z } from 'zod';
import { zodResolver } from '@hookform/resolvers/zod';
import type { FieldError, FieldValues, Resolver } from 'react-hook-form';

/** The last named key of an issue's path: `title`, or `product` in `items.0.product`. */
function fieldKey(path: ReadonlyArray<string | number>): string {
  const named = [...path].reverse().find(part => typeof part === 'string');
  return named === undefined ? 'value' : String(named);
}

/**
 * Words, for a person, the issues a shared schema leaves without a message of its own (a bare
 * `.max(200)`): the field's key as the subject, the limit as the schema states it. Issues the
 * schema words itself ("title is required") keep the schema's words.
 */
export const formErrorMap: z.ZodErrorMap = (issue, ctx) => {
  const field = fieldKey(issue.path);
  if (issue.code === z.ZodIssueCode.too_big) {
    if (issue.type === 'string')
      return {
        message: `${field} may have at most ${issue.maximum} characters`,
      };
    if (issue.type === 'array')
      return { message: `${field} may have at most ${issue.maximum} entries` };
  }
  if (issue.code === z.ZodIssueCode.too_small && issue.type === 'string')
    return { message: `${field} is required` };
  if (
    issue.code === z.ZodIssueCode.invalid_type &&
    issue.received === z.ZodParsedType.nan
  )
    return { message: `${field} must be a number` };
  return { message: ctx.defaultError };
};

/**
 * A number typed into a text field, for a schema to check: an empty field is NaN, which the
 * schema refuses as "<field> must be a number" instead of reading it as 0.
 */
export function typedNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/**
 * The text under a field: the schema's message, its field key replaced by the field's label
 * ("environment is required" → "Target environment is required").
 */
export function fieldErrorText(
  error: FieldError | undefined,
  key: string,
  label: string,
): string | undefined {
  const message = error?.message;
  if (!message) return undefined;
  if (message.startsWith(`${key} `)) return label + message.slice(key.length);
  return message.charAt(0).toLocaleUpperCase('en-US') + message.slice(1);
}

/**
 * A react-hook-form resolver that checks a form's values with one of the shared schemas, after
 * `toBody` has turned them into the body the API takes (counts typed as text become numbers,
 * short product names become entity refs). A valid form hands that parsed body to the submit
 * handler; an invalid one reports the schema's issues at the same paths as the form's fields.
 */
export function schemaResolver<TValues extends FieldValues, TBody>(
  schema: z.ZodType<TBody, z.ZodTypeDef, unknown>,
  toBody: (values: TValues) => unknown,
): Resolver<TValues, unknown, TBody> {
  // The resolver's own typings name the zod that is hoisted beside it, which need not be the
  // zod the shared schemas are built with; at run time it only calls the schema's parseAsync.
  const validate = zodResolver(
    schema as unknown as Parameters<typeof zodResolver>[0],
    { errorMap: formErrorMap } as Parameters<typeof zodResolver>[1],
    // The shared schemas have no asynchronous checks; a synchronous parse shows the errors
    // right after the click that asked for them, not several rounds of promises later.
    { mode: 'sync' },
  );
  return (values, context, options) =>
    validate(
      toBody(values) as FieldValues,
      context,
      options as never,
    ) as unknown as ReturnType<Resolver<TValues, unknown, TBody>>;
}
