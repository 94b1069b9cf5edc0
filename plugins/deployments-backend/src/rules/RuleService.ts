import { NotFoundError } from '@backstage/errors';
import {
  ApprovalType,
  DeploymentRule,
  ParsedRuleBody,
} from '@shipgate/plugin-deployments-common';
import { AuditLog } from '../audit/AuditLog';
import { GateRead, GateReadValues, readAllOr } from '../gates/GateRead';
import { unknownEnvironmentError } from '../environments/environmentChecks';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { ProductCatalog } from '../products/ProductCatalog';
import { PlannedSlot, SlotRules } from '../requests/SlotRules';
import { RuleContents, RuleStore } from './RuleStore';
import { plannedSlots, ruleMatches } from './ruleMatching';

const auditSubject = (id: number) => ({ type: 'deployment_rule', id });

/**
 * Org-wide deployment rules: admins manage them (each change audited in its transaction);
 * requests get the approval slots they require (SlotRules); the rule gate and the dry run
 * read the enabled ones.
 */
export class RuleService implements SlotRules {
  /** What `matching` reads, as reads of a deployment event's context. */
  get matchingReads(): GateRead<unknown>[] {
    return [this.rules.enabledReads.tier, this.rules.enabledReads.rules];
  }

  constructor(
    private readonly rules: RuleStore,
    private readonly environments: EnvironmentStore,
    private readonly products: ProductCatalog,
    private readonly audit: AuditLog,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(): Promise<DeploymentRule[]> {
    return this.rules.list();
  }

  async get(id: number): Promise<DeploymentRule> {
    const rule = await this.rules.get(id);
    if (!rule) throw new NotFoundError('rule not found');
    return rule;
  }

  async create(body: ParsedRuleBody, by: string): Promise<DeploymentRule> {
    const contents = await this.valid(body);
    const now = this.now().toISOString();
    const id = await this.rules.transaction(async tx => {
      const newId = await this.rules.create(tx, contents, by, now);
      await this.audit.append(
        tx,
        auditSubject(newId),
        { actor: by, action: 'created', after: contents },
        now,
      );
      return newId;
    });
    return this.get(id);
  }

  async update(
    id: number,
    body: ParsedRuleBody,
    by: string,
  ): Promise<DeploymentRule> {
    const contents = await this.valid(body);
    const now = this.now().toISOString();
    const found = await this.rules.transaction(async tx => {
      const before = await this.rules.get(id, tx);
      if (!before || !(await this.rules.update(tx, id, contents, by, now)))
        return false;
      await this.audit.append(
        tx,
        auditSubject(id),
        {
          actor: by,
          action: 'updated',
          before: contentsOf(before),
          after: contents,
        },
        now,
      );
      return true;
    });
    if (!found) throw new NotFoundError('rule not found');
    return this.get(id);
  }

  async delete(id: number, by: string): Promise<void> {
    const now = this.now().toISOString();
    const found = await this.rules.transaction(async tx => {
      const before = await this.rules.get(id, tx);
      if (!before || !(await this.rules.delete(tx, id))) return false;
      await this.audit.append(
        tx,
        auditSubject(id),
        { actor: by, action: 'deleted', before: contentsOf(before) },
        now,
      );
      return true;
    });
    if (!found) throw new NotFoundError('rule not found');
  }

  /**
   * The enabled rules that match an event or request: one query (with the environment's
   * tier), or the event's context when `values` hold `matchingReads`; matched in memory.
   * None for an environment that does not exist.
   */
  async matching(
    target: { environment: string; products: readonly string[] },
    values?: GateReadValues,
  ) {
    const { tier, rules } = await readAllOr(
      values,
      this.rules.enabledReads,
      target,
      () => this.rules.enabledFor(target.environment),
    );
    if (tier === null) return [];
    const matched = { ...target, tier };
    return rules.filter(rule => ruleMatches(rule.match, matched));
  }

  /** SlotRules: a request's own slots with those its matching rules require. */
  async plan(
    target: { environment: string; products: readonly string[] },
    own: ReadonlyArray<{ approvalType: ApprovalType; requiredCount: number }>,
  ): Promise<PlannedSlot[]> {
    return plannedSlots(own, await this.matching(target));
  }

  /** The body as stored: known environments (else 400 naming them), products as entity refs. */
  private async valid(body: ParsedRuleBody): Promise<RuleContents> {
    const known = new Set((await this.environments.list()).map(e => e.name));
    const unknown = body.match.environments.filter(e => !known.has(e));
    if (unknown.length) {
      throw await unknownEnvironmentError(
        this.environments,
        'match.environments',
        unknown,
      );
    }
    const products = body.match.products.map(p =>
      this.products.refOf(p, 'match.products'),
    );
    return {
      name: body.name,
      enabled: body.enabled,
      match: {
        environments: [...new Set(body.match.environments)],
        tiers: [...new Set(body.match.tiers)],
        products: [...new Set(products)],
      },
      requireApprovedRequest: body.requireApprovedRequest,
      requiredApprovals: body.requiredApprovals.map(a => ({
        approvalType: a.approvalType as ApprovalType,
        count: a.count,
      })),
      approvalOrder: body.approvalOrder,
    };
  }
}

function contentsOf(rule: DeploymentRule): RuleContents {
  const {
    name,
    enabled,
    match,
    requireApprovedRequest,
    requiredApprovals,
    approvalOrder,
  } = rule;
  return {
    name,
    enabled,
    match,
    requireApprovedRequest,
    requiredApprovals,
    approvalOrder,
  };
}
