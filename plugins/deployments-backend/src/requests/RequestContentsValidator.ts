import { InputError } from '@backstage/errors';
import { toStepDefinition } from '@shipgate/plugin-deployments-common';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { requireEnvironment } from '../environments/environmentChecks';
import { ProductCatalog } from '../products/ProductCatalog';
import { TemplateStore } from '../templates/TemplateStore';
import { RequestContents } from './DeploymentRequestRecord';

/**
 * What the schema cannot know about a request's contents: that its environment and products
 * exist (products resolve to catalog refs), no product is listed twice, and a chosen
 * template applies to its environment.
 */
export class RequestContentsValidator {
  constructor(
    private readonly environments: EnvironmentStore,
    private readonly products: ProductCatalog,
    private readonly templates: TemplateStore,
  ) {}

  async valid(input: RequestContents): Promise<RequestContents> {
    await requireEnvironment(this.environments, input.environment, 'environment');
    if (input.items.length === 0) {
      throw new InputError('items: add at least one product and version');
    }
    const items = [];
    const seen = new Set<string>();
    for (const [index, item] of input.items.entries()) {
      const product = await this.products.resolve(item.product, `items[${index}].product`);
      if (seen.has(product.entityRef)) {
        throw new InputError(`items[${index}].product: ${product.name} is listed twice`);
      }
      seen.add(product.entityRef);
      items.push({ product: product.entityRef, version: item.version.trim() });
    }
    return {
      title: input.title.trim(),
      description: input.description,
      environment: input.environment,
      items,
      slots: input.slots.map(s => ({ approvalType: s.approvalType, requiredCount: s.requiredCount })),
      preSteps: input.preSteps.map(toStepDefinition),
      postSteps: input.postSteps.map(toStepDefinition),
    };
  }

  /** The owning group of each product (catalog refs, as `valid` returns them); null when none. */
  async ownersOf(items: Array<{ product: string }>): Promise<Array<string | null>> {
    const owners = [];
    for (const item of items) owners.push((await this.products.resolve(item.product)).owner);
    return owners;
  }

  /** A chosen template must exist and apply to the request's environment. */
  async requireTemplateFor(templateId: number | null | undefined, environment: string) {
    if (!templateId) return;
    const template = await this.templates.get(templateId);
    if (!template) throw new InputError(`templateId: no template ${templateId}`);
    if (template.environments.length && !template.environments.includes(environment)) {
      throw new InputError(
        `templateId: template '${template.name}' applies to ${template.environments.join(', ')}, not ${environment}`,
      );
    }
  }
}
