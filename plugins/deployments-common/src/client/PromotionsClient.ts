import { Page } from '../deployments/deployments';
import {
  EnvironmentConfig,
  EnvironmentConfigChange,
  ProductEnvironmentConfigs,
} from '../environmentConfig/environmentConfig';
import {
  EnvironmentConfigBody,
  PromotionPreviewBody,
} from '../environmentConfig/environmentConfigSchemas';
import { PromotionPreview } from '../environmentConfig/promotionPreview';
import { PromotionPipeline } from '../pipelines/pipelines';
import { PipelineBody } from '../pipelines/pipelineSchemas';
import { Promotion } from '../promotions/promotions';
import {
  PromotionQuery,
  PromotionRequestBody,
} from '../promotions/promotionSchemas';
import { pageOf, toSearch } from './queryAndPaging';
import { SendRequest } from './RulesClient';

/**
 * The promotion part of the typed client (DeploymentsApi includes it): a product's pipeline,
 * its configuration in each environment, and its promotions. `product` is a name or entity ref.
 */
export interface PromotionsApi {
  /** A product's promotion pipeline (empty until saved). */
  getPipeline(product: string): Promise<PromotionPipeline>;
  savePipeline(product: string, body: PipelineBody): Promise<PromotionPipeline>;

  /** The product's configuration in every environment. */
  listEnvironmentConfigs(product: string): Promise<ProductEnvironmentConfigs>;
  saveEnvironmentConfig(
    product: string,
    environment: string,
    body: EnvironmentConfigBody,
  ): Promise<EnvironmentConfig>;
  listEnvironmentConfigHistory(
    product: string,
    environment: string,
    query?: { page?: number; per_page?: number },
  ): Promise<Page<EnvironmentConfigChange>>;
  previewPromotion(
    product: string,
    body: PromotionPreviewBody,
  ): Promise<PromotionPreview>;
  requestPromotion(
    product: string,
    body: PromotionRequestBody,
  ): Promise<Promotion>;
  listPromotions(
    product: string,
    query?: PromotionQuery,
  ): Promise<Page<Promotion>>;
  getPromotion(id: number): Promise<Promotion>;
  approvePromotion(id: number, comment?: string): Promise<Promotion>;
  rejectPromotion(id: number, comment: string): Promise<Promotion>;
  /** Deploys a pending_release promotion's release (through the deployment gates). */
  deployPromotion(id: number): Promise<Promotion>;
}

const productPath = (product: string) =>
  `/products/${encodeURIComponent(product)}`;
const environmentPath = (product: string, environment: string) =>
  `${productPath(product)}/environments/${encodeURIComponent(environment)}`;

/** The promotion calls, over the client's own `request` (auth, base URL, errors). */
export class PromotionsClient implements PromotionsApi {
  constructor(private readonly send: SendRequest) {}

  async getPipeline(product: string): Promise<PromotionPipeline> {
    return (
      await this.send('GET', `${productPath(product)}/promotion/pipeline`)
    ).json();
  }

  async savePipeline(
    product: string,
    body: PipelineBody,
  ): Promise<PromotionPipeline> {
    return (
      await this.send('PUT', `${productPath(product)}/promotion/pipeline`, body)
    ).json();
  }

  async listEnvironmentConfigs(
    product: string,
  ): Promise<ProductEnvironmentConfigs> {
    return (
      await this.send('GET', `${productPath(product)}/environments/config`)
    ).json();
  }

  async saveEnvironmentConfig(
    product: string,
    environment: string,
    body: EnvironmentConfigBody,
  ): Promise<EnvironmentConfig> {
    return (
      await this.send(
        'PUT',
        `${environmentPath(product, environment)}/config`,
        body,
      )
    ).json();
  }

  async listEnvironmentConfigHistory(
    product: string,
    environment: string,
    query?: { page?: number; per_page?: number },
  ): Promise<Page<EnvironmentConfigChange>> {
    return pageOf(
      await this.send(
        'GET',
        `${environmentPath(product, environment)}/config/history${toSearch(
          query,
        )}`,
      ),
    );
  }

  async previewPromotion(
    product: string,
    body: PromotionPreviewBody,
  ): Promise<PromotionPreview> {
    return (
      await this.send('POST', `${productPath(product)}/promotion/preview`, body)
    ).json();
  }

  async requestPromotion(
    product: string,
    body: PromotionRequestBody,
  ): Promise<Promotion> {
    return (
      await this.send('POST', `${productPath(product)}/promotion/request`, body)
    ).json();
  }

  async listPromotions(
    product: string,
    query?: PromotionQuery,
  ): Promise<Page<Promotion>> {
    return pageOf(
      await this.send(
        'GET',
        `${productPath(product)}/promotions${toSearch(query)}`,
      ),
    );
  }

  async getPromotion(id: number): Promise<Promotion> {
    return (await this.send('GET', `/promotions/${id}`)).json();
  }

  async approvePromotion(id: number, comment?: string): Promise<Promotion> {
    return (
      await this.send(
        'POST',
        `/promotions/${id}/approve`,
        comment ? { comment } : {},
      )
    ).json();
  }

  async rejectPromotion(id: number, comment: string): Promise<Promotion> {
    return (
      await this.send('POST', `/promotions/${id}/reject`, { comment })
    ).json();
  }

  async deployPromotion(id: number): Promise<Promotion> {
    return (await this.send('POST', `/promotions/${id}/deploy`, {})).json();
  }
}
