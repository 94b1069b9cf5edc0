import { InputError } from '@backstage/errors';
import { Environment } from '@shipgate/plugin-deployments-common';
import { EnvironmentStore } from './EnvironmentStore';

/** The 400 for names that are not environments: the field, the names, and what there is. */
export async function unknownEnvironmentError(
  environments: EnvironmentStore,
  field: string,
  names: string[],
): Promise<InputError> {
  const known = (await environments.list()).map(e => e.name);
  return new InputError(
    `${field}: unknown environment ${names.map(n => `'${n}'`).join(', ')} — ` +
      `known environments: ${known.join(', ')}`,
  );
}

/** The named environment, or the 400 that names the field. */
export async function requireEnvironment(
  environments: EnvironmentStore,
  name: string,
  field: string,
): Promise<Environment> {
  const environment = await environments.get(name);
  if (!environment)
    throw await unknownEnvironmentError(environments, field, [name]);
  return environment;
}
