import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { Matrix, MatrixQuery } from '@shipgate/plugin-deployments-common';
import { EnvironmentStore } from '../environments/EnvironmentStore';
import { MatrixStore } from './MatrixStore';
import { ProductCatalog } from '../products/ProductCatalog';

export const DEFAULT_MATRIX_PER_PAGE = 50;

function refOf(value: string, defaultKind: string, field: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    ).toLowerCase();
  } catch {
    throw new InputError(`${field}: '${value}' is not a ${defaultKind} name or entity ref`);
  }
}

/** The environment matrix: which version of each product is where, and how it went. */
export class MatrixService {
  constructor(
    private readonly matrix: MatrixStore,
    private readonly environments: EnvironmentStore,
    private readonly products: ProductCatalog,
  ) {}

  async read(query: MatrixQuery): Promise<Matrix> {
    const page = query.page ?? 1;
    const perPage = query.per_page ?? DEFAULT_MATRIX_PER_PAGE;
    const [environments, { rows, total }] = await Promise.all([
      this.environments.list(),
      this.matrix.read({
        product: query.product ? this.products.refOf(query.product, 'product') : undefined,
        system: query.system ? refOf(query.system, 'system', 'system') : undefined,
        owner: query.owner ? refOf(query.owner, 'group', 'owner') : undefined,
        offset: (page - 1) * perPage,
        limit: perPage,
      }),
    ]);
    return {
      environments: environments.map(e => ({
        name: e.name,
        title: e.title,
        tier: e.tier,
        order: e.order,
      })),
      rows,
      total,
      page,
      perPage,
      nextPage: page * perPage < total ? page + 1 : null,
    };
  }
}
