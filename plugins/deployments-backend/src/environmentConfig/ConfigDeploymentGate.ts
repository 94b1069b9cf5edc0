import { DeploymentGate, GateVerdict } from '../gates/DeploymentGate';
import { GateWrite } from '../gates/GateWrite';
import { EnvironmentConfigService } from './EnvironmentConfigService';

/**
 * Not a policy: it lets every event through, and moves the version in the environment's
 * configuration when a deployment becomes successful, with that deployment's own write
 * (never a success without its configuration, and no statement of its own on PostgreSQL).
 */
export class ConfigDeploymentGate implements DeploymentGate {
  readonly name = 'environment-config';
  readonly writes: GateWrite;

  constructor(configs: EnvironmentConfigService) {
    this.writes = {
      name: 'config_version',
      appliesTo: change => change.status === 'success',
      ...configs.versionMove,
    };
  }

  async check(): Promise<GateVerdict> {
    return { kind: 'allow' };
  }
}
