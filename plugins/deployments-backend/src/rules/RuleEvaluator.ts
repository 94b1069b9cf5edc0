import {
  EvaluateRulesBody,
  GateDecision,
  RuleEvaluation,
} from '@shipgate/plugin-deployments-common';
import { requireEnvironment } from '../environments/environmentChecks';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import {
  DeploymentGate,
  GateEvent,
  GateVerdict,
} from '../gates/DeploymentGate';
import { DeploymentService } from '../deployments/DeploymentService';
import { RuleOutcome } from './RuleGate';

/** A gate that can say which rules made its verdict (the rules gate). */
interface ExplainingGate extends DeploymentGate {
  explain(
    event: GateEvent,
  ): Promise<{ verdict: GateVerdict; rules: RuleOutcome[] }>;
}

const explains = (gate: DeploymentGate): gate is ExplainingGate =>
  typeof (gate as Partial<ExplainingGate>).explain === 'function';

/**
 * POST /rules/evaluate: a dry run of the deployment gates ingestion asks, the same list in
 * the same order, with nothing written (a gate's check never writes). Unlike ingestion it
 * asks every gate after a refusal too, so an admin sees everything that objects; the
 * decision is what ingestion would do: refuse if any refuses, else block if any blocks.
 */
export class RuleEvaluator {
  constructor(
    private readonly gates: readonly DeploymentGate[],
    /** Reads what the gates judge an event by, as ingestion does: one statement. */
    private readonly context: Pick<DeploymentService, 'gateContext'>,
    private readonly environments: EnvironmentStore,
    private readonly productRefOf: (value: string, field: string) => string,
  ) {}

  async evaluate(body: EvaluateRulesBody): Promise<RuleEvaluation> {
    const product = this.productRefOf(body.product, 'product');
    const { environmentExists, protection, reads } =
      await this.context.gateContext({
        product,
        version: body.version,
        environment: body.environment,
      });
    if (!environmentExists) {
      await requireEnvironment(
        this.environments,
        body.environment,
        'environment',
      );
    }
    let deploymentRequestId: number | null = null;
    const result: RuleEvaluation = {
      decision: 'allow',
      rules: [],
      reasons: [],
      gates: [],
    };
    for (const gate of this.gates) {
      const event: GateEvent = {
        product,
        version: body.version,
        environment: body.environment,
        deployedBy: null,
        deploymentRequestId,
        protection,
        reads,
      };
      let verdict: GateVerdict;
      if (explains(gate)) {
        const explained = await gate.explain(event);
        verdict = explained.verdict;
        result.rules.push(...explained.rules);
      } else {
        verdict = await gate.check(event);
      }
      if (verdict.kind === 'allow') {
        deploymentRequestId ??= verdict.deploymentRequestId ?? null;
        result.gates.push({ name: gate.name, decision: 'allow', reason: null });
        continue;
      }
      const reason =
        verdict.kind === 'block' ? verdict.reason : verdict.message;
      result.reasons.push(reason);
      result.gates.push({
        name: gate.name,
        decision: verdict.kind,
        reason,
        ...(verdict.kind === 'refuse' ? { status: verdict.status } : {}),
      });
      result.decision = worse(result.decision, verdict.kind);
    }
    return result;
  }
}

function worse(a: GateDecision, b: GateDecision): GateDecision {
  const rank: Record<GateDecision, number> = { allow: 0, block: 1, refuse: 2 };
  return rank[b] > rank[a] ? b : a;
}
