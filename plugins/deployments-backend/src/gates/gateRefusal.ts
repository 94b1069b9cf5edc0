import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';

/**
 * The error a gate's refusal is answered with. Backstage's error middleware answers a
 * numeric `statusCode` as that status, so 423 and others need no class of their own.
 */
export function gateRefusal(status: number, message: string): Error {
  if (status === 400) return new InputError(message);
  if (status === 403) return new NotAllowedError(message);
  if (status === 409) return new ConflictError(message);
  return Object.assign(new Error(message), { name: 'DeploymentRefusedError', statusCode: status });
}
