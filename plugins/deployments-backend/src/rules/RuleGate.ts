import { RuleEffect, productNameOf } from '@shipgate/plugin-deployments-common';
import {
  DeploymentGate,
  GateEvent,
  GateVerdict,
} from '../gates/DeploymentGate';
import { DeploymentRequestStore } from '../requests/DeploymentRequestStore';
import { openRequestOf } from '../requests/RequestDeploymentGate';
import { RuleService } from './RuleService';
import { RuleForMatching } from './RuleStore';

/** Where people create a deployment request in the portal (the frontend's route). */
export function newRequestLink(product: string): string {
  return `/deployment-requests/new?product=${encodeURIComponent(product)}`;
}

/** A matching rule and what it does to the event. */
export interface RuleOutcome {
  id: number;
  name: string;
  effects: RuleEffect[];
}

/** How many rules a block reason names before it says how many more there are. */
const NAMED_IN_REASON = 5;

/**
 * The rules gate: an event that enabled rules match with `requireApprovedRequest` is held as
 * `blocked` (naming the rules and where to create the request) until an approved request
 * covers its product and version in its environment: the one it names, or the one implicit
 * gating finds. What it reads (the enabled rules, the environment's tier, the open request)
 * comes with the event's context, for any number of rules; the covering request is read
 * only when a matching rule requires one; nothing is written: the dry run asks it too.
 */
export class RuleGate implements DeploymentGate {
  readonly name = 'rules';
  readonly reads;

  constructor(
    private readonly rules: RuleService,
    private readonly requests: Pick<
      DeploymentRequestStore,
      'get' | 'findOpenFor' | 'openRequestRead'
    >,
  ) {
    this.reads = [...rules.matchingReads, requests.openRequestRead];
  }

  async check(event: GateEvent): Promise<GateVerdict> {
    return (await this.explain(event)).verdict;
  }

  /** The verdict, with every matching rule and its effects (POST /rules/evaluate). */
  async explain(
    event: GateEvent,
  ): Promise<{ verdict: GateVerdict; rules: RuleOutcome[] }> {
    const matched = await this.rules.matching(
      { environment: event.environment, products: [event.product] },
      event.reads,
    );
    const needing = matched.filter(r => r.requireApprovedRequest);
    const covering = needing.length ? await this.coveringRequest(event) : null;
    const rules = matched.map(rule => ({
      id: rule.id,
      name: rule.name,
      effects: effectsOf(rule, covering),
    }));
    if (!needing.length || covering !== null)
      return { verdict: { kind: 'allow' }, rules };
    return {
      verdict: { kind: 'block', reason: blockReason(needing, event) },
      rules,
    };
  }

  /** The approved request covering the event's product and version there, if any. */
  private async coveringRequest(event: GateEvent): Promise<number | null> {
    const id =
      event.deploymentRequestId ?? (await openRequestOf(this.requests, event));
    if (id === null) return null;
    const request = await this.requests.get(id);
    const covers =
      request?.state === 'approved' &&
      request.environment === event.environment &&
      request.items.some(
        i => i.product === event.product && i.version === event.version,
      );
    return covers ? id : null;
  }
}

function effectsOf(
  rule: RuleForMatching,
  covering: number | null,
): RuleEffect[] {
  const effects: RuleEffect[] = [];
  if (rule.requireApprovedRequest) {
    effects.push({
      kind: 'require_approved_request',
      satisfied: covering !== null,
      deploymentRequestId: covering,
    });
  }
  if (rule.requiredApprovals.length) {
    effects.push({
      kind: 'required_approvals',
      approvals: rule.requiredApprovals,
    });
  }
  if (rule.approvalOrder.length)
    effects.push({ kind: 'approval_order', order: rule.approvalOrder });
  return effects;
}

function blockReason(rules: RuleForMatching[], event: GateEvent): string {
  const named = rules.slice(0, NAMED_IN_REASON).map(r => `"${r.name}"`);
  const more =
    rules.length > NAMED_IN_REASON
      ? ` and ${rules.length - NAMED_IN_REASON} more`
      : '';
  const [noun, verb] =
    rules.length > 1 ? ['rules', 'require'] : ['rule', 'requires'];
  return (
    `${noun} ${named.join(
      ', ',
    )}${more} ${verb} an approved deployment request for ` +
    `${productNameOf(event.product)} ${event.version} to ${
      event.environment
    }; ` +
    `create one at ${newRequestLink(event.product)}`
  );
}
