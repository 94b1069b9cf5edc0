import { ResponseError } from '@backstage/errors';
import {
  Deployment,
  DeploymentQuery,
  Matrix,
  MatrixQuery,
  Page,
} from '../deployments/deployments';
import { RecordDeploymentBody } from '../deployments/deploymentSchemas';
import { DeploymentStatus } from '../deployments/statuses';
import { EnvironmentOverview } from '../environments/environments';
import { UpdateEnvironmentBody } from '../environments/environmentSchemas';
import { EnvironmentFreeze } from '../freezes/freezes';
import { CreateFreezeBody, StopTheLineBody } from '../freezes/freezeSchemas';
import {
  BreakGlassQuery,
  BreakGlassReportEntry,
  BreakGlassSession,
} from '../breakGlass/breakGlass';
import { OpenBreakGlassBody } from '../breakGlass/breakGlassSchemas';
import { CallerProfile } from '../approvals/roles';
import { DeploymentApproval } from '../protection/protection';
import { DeploymentApprovalBody } from '../protection/protectionSchemas';
import {
  DeploymentRequest,
  DeploymentRequestQuery,
  DeploymentRequestSummary,
} from '../requests/deploymentRequests';
import {
  CreateDeploymentRequestBody,
  DecisionBody,
  UpdateDeploymentRequestBody,
} from '../requests/deploymentRequestSchemas';
import { DeploymentRequestTemplate } from '../templates/templates';
import { TemplateBody } from '../templates/templateSchemas';
import { TaskList } from '../tasks/tasks';
import { PromotionsApi, PromotionsClient } from './PromotionsClient';
import { pageOf, toSearch } from './queryAndPaging';
import { RulesApi, RulesClient } from './RulesClient';

/** The two Backstage APIs the client needs; frontend and backend both have them. */
export interface DeploymentsClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
}

/** The typed client of the Shipgate HTTP API, shared by the frontend and by scripts. */
export interface DeploymentsApi extends RulesApi, PromotionsApi {
  getMe(): Promise<CallerProfile>;
  /** Every environment with its freezes and whether it is frozen now. */
  listEnvironments(): Promise<EnvironmentOverview[]>;
  updateEnvironment(name: string, body: UpdateEnvironmentBody): Promise<EnvironmentOverview>;
  createFreeze(environment: string, body: CreateFreezeBody): Promise<EnvironmentFreeze>;
  deleteFreeze(environment: string, id: number): Promise<void>;
  /** Freezes every environment at once ("stop the line"); lift it with `liftFreeze`. */
  stopTheLine(body: StopTheLineBody): Promise<EnvironmentFreeze>;
  /** Lifts any freeze by id, including "stop the line". */
  liftFreeze(id: number): Promise<void>;
  /** Opens a break-glass session: the environment's freeze lets deployments through. */
  openBreakGlass(environment: string, body: OpenBreakGlassBody): Promise<BreakGlassSession>;
  closeBreakGlass(environment: string, id: number): Promise<BreakGlassSession>;
  /** Break-glass sessions with the deployments that went through each. */
  getBreakGlassReport(query?: BreakGlassQuery): Promise<BreakGlassReportEntry[]>;
  listDeployments(query?: DeploymentQuery): Promise<Page<Deployment>>;
  getDeployment(id: number): Promise<Deployment>;
  recordDeployment(
    body: RecordDeploymentBody,
    options?: { idempotencyKey?: string },
  ): Promise<Deployment>;
  updateDeploymentStatus(id: number, status: DeploymentStatus): Promise<Deployment>;
  deleteDeployment(id: number): Promise<void>;
  getMatrix(query?: MatrixQuery): Promise<Matrix>;

  listRequests(query?: DeploymentRequestQuery): Promise<Page<DeploymentRequestSummary>>;
  getRequest(id: number): Promise<DeploymentRequest>;
  createRequest(body: CreateDeploymentRequestBody): Promise<DeploymentRequest>;
  updateRequest(id: number, body: UpdateDeploymentRequestBody): Promise<DeploymentRequest>;
  submitRequest(id: number): Promise<DeploymentRequest>;
  cancelRequest(id: number): Promise<DeploymentRequest>;
  completeRequest(id: number): Promise<DeploymentRequest>;
  /** A rejected request's contents as a new draft ("address feedback and create new DR"). */
  cloneRequest(id: number): Promise<DeploymentRequest>;
  decideSlot(requestId: number, slotId: number, body: DecisionBody): Promise<DeploymentRequest>;
  completeStep(requestId: number, stepId: number, note?: string): Promise<DeploymentRequest>;

  listTemplates(): Promise<DeploymentRequestTemplate[]>;
  getTemplate(id: number): Promise<DeploymentRequestTemplate>;
  createTemplate(body: TemplateBody): Promise<DeploymentRequestTemplate>;
  updateTemplate(id: number, body: TemplateBody): Promise<DeploymentRequestTemplate>;
  deleteTemplate(id: number): Promise<void>;

  /** What the caller can act on now, optionally for one product. */
  getTasks(query?: { product?: string }): Promise<TaskList>;

  /** Approves or rejects a deployment blocked by a protected environment (GitLab's route). */
  approveDeployment(id: number, body: DeploymentApprovalBody): Promise<DeploymentApproval>;
}

export class DeploymentsClient implements DeploymentsApi {
  private readonly discoveryApi: DeploymentsClientOptions['discoveryApi'];
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: DeploymentsClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  // Rules and promotions: their calls live in RulesClient and PromotionsClient, over this
  // client's `request`; the members below hand each call on.
  private readonly rules = new RulesClient((method, path, body) => this.request(method, path, body));
  private readonly promotions = new PromotionsClient((method, path, body) =>
    this.request(method, path, body),
  );
  listRules: RulesApi['listRules'] = () => this.rules.listRules();
  getRule: RulesApi['getRule'] = id => this.rules.getRule(id);
  createRule: RulesApi['createRule'] = body => this.rules.createRule(body);
  updateRule: RulesApi['updateRule'] = (id, body) => this.rules.updateRule(id, body);
  deleteRule: RulesApi['deleteRule'] = id => this.rules.deleteRule(id);
  evaluateRules: RulesApi['evaluateRules'] = body => this.rules.evaluateRules(body);
  getPipeline: PromotionsApi['getPipeline'] = product => this.promotions.getPipeline(product);
  savePipeline: PromotionsApi['savePipeline'] = (product, body) =>
    this.promotions.savePipeline(product, body);
  listEnvironmentConfigs: PromotionsApi['listEnvironmentConfigs'] = product =>
    this.promotions.listEnvironmentConfigs(product);
  saveEnvironmentConfig: PromotionsApi['saveEnvironmentConfig'] = (product, environment, body) =>
    this.promotions.saveEnvironmentConfig(product, environment, body);
  listEnvironmentConfigHistory: PromotionsApi['listEnvironmentConfigHistory'] = (
    product,
    environment,
    query,
  ) => this.promotions.listEnvironmentConfigHistory(product, environment, query);
  previewPromotion: PromotionsApi['previewPromotion'] = (product, body) =>
    this.promotions.previewPromotion(product, body);
  requestPromotion: PromotionsApi['requestPromotion'] = (product, body) =>
    this.promotions.requestPromotion(product, body);
  listPromotions: PromotionsApi['listPromotions'] = (product, query) =>
    this.promotions.listPromotions(product, query);
  getPromotion: PromotionsApi['getPromotion'] = id => this.promotions.getPromotion(id);
  approvePromotion: PromotionsApi['approvePromotion'] = (id, comment) =>
    this.promotions.approvePromotion(id, comment);
  rejectPromotion: PromotionsApi['rejectPromotion'] = (id, comment) =>
    this.promotions.rejectPromotion(id, comment);
  deployPromotion: PromotionsApi['deployPromotion'] = id => this.promotions.deployPromotion(id);

  async getMe(): Promise<CallerProfile> {
    return this.json(await this.request('GET', '/me'));
  }

  async listEnvironments(): Promise<EnvironmentOverview[]> {
    return this.json(await this.request('GET', '/environments'));
  }

  async updateEnvironment(
    name: string,
    body: UpdateEnvironmentBody,
  ): Promise<EnvironmentOverview> {
    return this.json(
      await this.request('PUT', `/environments/${encodeURIComponent(name)}`, body),
    );
  }

  async createFreeze(environment: string, body: CreateFreezeBody): Promise<EnvironmentFreeze> {
    return this.json(
      await this.request('POST', `/environments/${encodeURIComponent(environment)}/freezes`, body),
    );
  }

  async deleteFreeze(environment: string, id: number): Promise<void> {
    await this.request('DELETE', `/environments/${encodeURIComponent(environment)}/freezes/${id}`);
  }

  async stopTheLine(body: StopTheLineBody): Promise<EnvironmentFreeze> {
    return this.json(await this.request('POST', '/freezes/stop-the-line', body));
  }

  async liftFreeze(id: number): Promise<void> {
    await this.request('DELETE', `/freezes/${id}`);
  }

  async openBreakGlass(
    environment: string,
    body: OpenBreakGlassBody,
  ): Promise<BreakGlassSession> {
    return this.json(
      await this.request(
        'POST',
        `/environments/${encodeURIComponent(environment)}/break-glass`,
        body,
      ),
    );
  }

  async closeBreakGlass(environment: string, id: number): Promise<BreakGlassSession> {
    return this.json(
      await this.request(
        'DELETE',
        `/environments/${encodeURIComponent(environment)}/break-glass/${id}`,
      ),
    );
  }

  async getBreakGlassReport(query?: BreakGlassQuery): Promise<BreakGlassReportEntry[]> {
    return this.json(await this.request('GET', `/break-glass${toSearch(query)}`));
  }

  async listDeployments(query?: DeploymentQuery): Promise<Page<Deployment>> {
    return pageOf(await this.request('GET', `/deployments${toSearch(query)}`));
  }

  async getDeployment(id: number): Promise<Deployment> {
    return this.json(await this.request('GET', `/deployments/${id}`));
  }

  async recordDeployment(
    body: RecordDeploymentBody,
    options?: { idempotencyKey?: string },
  ): Promise<Deployment> {
    const headers: Record<string, string> = {};
    if (options?.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    return this.json(await this.request('POST', '/deployments', body, headers));
  }

  async updateDeploymentStatus(id: number, status: DeploymentStatus): Promise<Deployment> {
    return this.json(await this.request('PUT', `/deployments/${id}`, { status }));
  }

  async deleteDeployment(id: number): Promise<void> {
    await this.request('DELETE', `/deployments/${id}`);
  }

  async getMatrix(query?: MatrixQuery): Promise<Matrix> {
    return this.json(await this.request('GET', `/matrix${toSearch(query)}`));
  }

  async listRequests(
    query?: DeploymentRequestQuery,
  ): Promise<Page<DeploymentRequestSummary>> {
    return pageOf(await this.request('GET', `/requests${toSearch(query)}`));
  }

  async getRequest(id: number): Promise<DeploymentRequest> {
    return this.json(await this.request('GET', `/requests/${id}`));
  }

  async createRequest(body: CreateDeploymentRequestBody): Promise<DeploymentRequest> {
    return this.json(await this.request('POST', '/requests', body));
  }

  async updateRequest(
    id: number,
    body: UpdateDeploymentRequestBody,
  ): Promise<DeploymentRequest> {
    return this.json(await this.request('PATCH', `/requests/${id}`, body));
  }

  async submitRequest(id: number): Promise<DeploymentRequest> {
    return this.json(await this.request('POST', `/requests/${id}/submit`, {}));
  }

  async cancelRequest(id: number): Promise<DeploymentRequest> {
    return this.json(await this.request('POST', `/requests/${id}/cancel`, {}));
  }

  async completeRequest(id: number): Promise<DeploymentRequest> {
    return this.json(await this.request('POST', `/requests/${id}/complete`, {}));
  }

  async cloneRequest(id: number): Promise<DeploymentRequest> {
    return this.json(await this.request('POST', `/requests/${id}/clone`, {}));
  }

  async decideSlot(
    requestId: number,
    slotId: number,
    body: DecisionBody,
  ): Promise<DeploymentRequest> {
    return this.json(
      await this.request('POST', `/requests/${requestId}/slots/${slotId}/decision`, body),
    );
  }

  async completeStep(
    requestId: number,
    stepId: number,
    note?: string,
  ): Promise<DeploymentRequest> {
    return this.json(
      await this.request('POST', `/requests/${requestId}/steps/${stepId}/complete`, {
        ...(note ? { note } : {}),
      }),
    );
  }

  async listTemplates(): Promise<DeploymentRequestTemplate[]> {
    return this.json(await this.request('GET', '/templates'));
  }

  async getTemplate(id: number): Promise<DeploymentRequestTemplate> {
    return this.json(await this.request('GET', `/templates/${id}`));
  }

  async createTemplate(body: TemplateBody): Promise<DeploymentRequestTemplate> {
    return this.json(await this.request('POST', '/templates', body));
  }

  async updateTemplate(id: number, body: TemplateBody): Promise<DeploymentRequestTemplate> {
    return this.json(await this.request('PUT', `/templates/${id}`, body));
  }

  async deleteTemplate(id: number): Promise<void> {
    await this.request('DELETE', `/templates/${id}`);
  }

  async getTasks(query?: { product?: string }): Promise<TaskList> {
    return this.json(await this.request('GET', `/tasks${toSearch(query)}`));
  }

  async approveDeployment(id: number, body: DeploymentApprovalBody): Promise<DeploymentApproval> {
    return this.json(await this.request('POST', `/deployments/${id}/approval`, body));
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('deployments');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response;
  }

  private async json<T>(response: Response): Promise<T> {
    return (await response.json()) as T;
  }
}
