import { ResponseError } from '@backstage/errors';

/**
 * What the client throws when the backend refuses a call: a ResponseError whose body is
 * Backstage's error shape, as a page under test would receive it.
 */
export function serverRefusal(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}
