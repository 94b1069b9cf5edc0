import { DeploymentRule, RuleEvaluation } from '../rules/rules';
import { EvaluateRulesBody, RuleBody } from '../rules/ruleSchemas';

/** The deployment rules part of the typed client (DeploymentsApi includes it). */
export interface RulesApi {
  listRules(): Promise<DeploymentRule[]>;
  getRule(id: number): Promise<DeploymentRule>;
  createRule(body: RuleBody): Promise<DeploymentRule>;
  updateRule(id: number, body: RuleBody): Promise<DeploymentRule>;
  deleteRule(id: number): Promise<void>;
  /** A dry run of every deployment gate for one event: nothing is recorded. */
  evaluateRules(body: EvaluateRulesBody): Promise<RuleEvaluation>;
}

/** Sends one call of the API and answers its response (throwing on an error status). */
export type SendRequest = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<Response>;

/** The rules calls, over the client's own `request` (auth, base URL, errors). */
export class RulesClient implements RulesApi {
  constructor(private readonly send: SendRequest) {}

  async listRules(): Promise<DeploymentRule[]> {
    return (await this.send('GET', '/rules')).json();
  }

  async getRule(id: number): Promise<DeploymentRule> {
    return (await this.send('GET', `/rules/${id}`)).json();
  }

  async createRule(body: RuleBody): Promise<DeploymentRule> {
    return (await this.send('POST', '/rules', body)).json();
  }

  async updateRule(id: number, body: RuleBody): Promise<DeploymentRule> {
    return (await this.send('PUT', `/rules/${id}`, body)).json();
  }

  async deleteRule(id: number): Promise<void> {
    await this.send('DELETE', `/rules/${id}`);
  }

  async evaluateRules(body: EvaluateRulesBody): Promise<RuleEvaluation> {
    return (await this.send('POST', '/rules/evaluate', body)).json();
  }
}
