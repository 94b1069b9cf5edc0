import { Deployment } from '@shipgate/plugin-deployments-common';
import { DeploymentGate, GateVerdict } from '../gates/DeploymentGate';
import { EnvironmentConfigService } from './EnvironmentConfigService';

/**
 * Not a policy: it lets every event through, and is told of recorded ones so that a
 * successful deployment moves the version in the environment's configuration.
 */
export class ConfigDeploymentGate implements DeploymentGate {
  readonly name = 'environment-config';

  constructor(private readonly configs: EnvironmentConfigService) {}

  async check(): Promise<GateVerdict> {
    return { kind: 'allow' };
  }

  async recorded(deployment: Deployment): Promise<void> {
    if (deployment.status === 'success') await this.configs.deployed(deployment);
  }
}
