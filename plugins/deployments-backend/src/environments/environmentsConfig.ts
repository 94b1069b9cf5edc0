import { Config } from '@backstage/config';
import {
  DEPLOY_POLICIES,
  ENVIRONMENT_TIERS,
  Environment,
} from '@shipgate/plugin-deployments-common';
import { z } from 'zod';

const environmentConfigSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-_]{0,99}$/, 'lowercase letters, digits, - and _'),
  title: z.string().optional(),
  tier: z.enum(ENVIRONMENT_TIERS),
  order: z.number().int().optional(),
  deployPolicy: z.enum(DEPLOY_POLICIES).default('direct'),
  requiredApprovals: z.number().int().min(0).default(0),
  allowSelfApproval: z.boolean().default(false),
});

/** Reads `deployments.environments`; a mistake there stops the backend with its location. */
export function readEnvironmentsConfig(config: Config): Environment[] {
  const raw = config.getOptionalConfigArray('deployments.environments') ?? [];
  return raw.map((entry, index) => {
    const parsed = environmentConfigSchema.safeParse(entry.get());
    if (!parsed.success) {
      throw new Error(
        `Invalid deployments.environments[${index}]: ${parsed.error.issues
          .map(i => `${i.path.join('.')}: ${i.message}`)
          .join('; ')}`,
      );
    }
    const e = parsed.data;
    return {
      name: e.name,
      title: e.title ?? e.name,
      tier: e.tier,
      order: e.order ?? index + 1,
      deployPolicy: e.deployPolicy,
      requiredApprovals: e.requiredApprovals,
      allowSelfApproval: e.allowSelfApproval,
    };
  });
}
