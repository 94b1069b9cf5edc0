import {
  DeploymentGate,
  GateEvent,
  GateVerdict,
} from '../gates/DeploymentGate';
import { FreezeService } from './FreezeService';

/** The words of a freeze refusal: the seed's `environment is frozen`, which freeze, until when. */
export function frozenMessage(
  environment: string,
  freeze: { id: number; reason: string; until: string | null },
): string {
  return (
    `environment is frozen: ${environment} is frozen by freeze ${freeze.id} ` +
    `("${freeze.reason}") ${
      freeze.until ? `until ${freeze.until}` : 'until it is lifted'
    }`
  );
}

/**
 * The freeze gate: an event into a frozen environment is refused with 423 and nothing is
 * recorded (the router's audit event says so), unless a break-glass session is open for
 * it: then the event goes on to the other gates, and the deployment carries the session's
 * id (as does every deployment recorded while the session is open). Requests and approvals
 * are not gated: they still flow while frozen. Its reads are columns of the event's context.
 */
export class FreezeGate implements DeploymentGate {
  readonly name = 'freeze';
  readonly reads;

  constructor(private readonly freezes: FreezeService) {
    this.reads = [freezes.gateReads.freezes, freezes.gateReads.breakGlassId];
  }

  async check(event: GateEvent): Promise<GateVerdict> {
    const { active, breakGlassId } = await this.freezes.gateState(
      event.environment,
      event.reads,
    );
    if (breakGlassId !== null) return { kind: 'allow', breakGlassId };
    if (!active) return { kind: 'allow' };
    return {
      kind: 'refuse',
      status: 423,
      message: frozenMessage(event.environment, active),
    };
  }
}
