import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  humanizeEntityRef,
  useEntityRefLink,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TablePagination from '@material-ui/core/TablePagination';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Matrix,
  MatrixQuery,
  MatrixRow,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import { EnvironmentCell } from './EnvironmentCell';
import { RecordDeploymentHint } from './RecordDeploymentHint';

export type EnvironmentMatrixFilter = Pick<
  MatrixQuery,
  'product' | 'system' | 'owner'
>;

export interface EnvironmentMatrixProps {
  /** Which products to show: one product, or those of a system and/or owner. */
  filter?: EnvironmentMatrixFilter;
  /** Products per page; the matrix pages over products. */
  perPage?: number;
  /** Change it to load the matrix again (refresh button, live signal). */
  refreshKey?: number;
  /** Also link each product to the Deployments tab of its entity page. */
  linkToDeploymentsTab?: boolean;
  /** Called with every page loaded, e.g. to offer filter choices. */
  onLoad?: (matrix: Matrix) => void;
}

function shortRef(ref: string | null, defaultKind: string): string | null {
  if (!ref) return null;
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}

function ProductCell({
  row,
  linkToDeploymentsTab,
}: {
  row: MatrixRow;
  linkToDeploymentsTab: boolean;
}) {
  const entityLink = useEntityRefLink();
  const { product } = row;
  const system = shortRef(product.system, 'system');
  const owner = shortRef(product.owner, 'group');
  return (
    <>
      <Typography variant="body2" component="div">
        <EntityRefLink entityRef={product.entityRef}>
          <strong>{product.title || product.name}</strong>
        </EntityRefLink>
      </Typography>
      {(system || owner) && (
        <Typography variant="caption" color="textSecondary" component="div">
          {[system && `system ${system}`, owner && `owner ${owner}`]
            .filter(Boolean)
            .join(' · ')}
        </Typography>
      )}
      {linkToDeploymentsTab && (
        <Typography variant="caption" component="div">
          <Link to={`${entityLink(product.entityRef)}/deployments`}>
            Deployment history
          </Link>
        </Typography>
      )}
    </>
  );
}

/**
 * Products × environments: for each product the latest deployment in each environment, with
 * its state (deployed, failed, in progress, not deployed), version, time and author.
 */
export function EnvironmentMatrix({
  filter = {},
  perPage = 25,
  refreshKey = 0,
  linkToDeploymentsTab = false,
  onLoad,
}: EnvironmentMatrixProps) {
  const api = useApi(deploymentsApiRef);
  const { product, system, owner } = filter;
  // A new filter starts again at the first page (without first asking for the old page).
  const filterKey = JSON.stringify([product, system, owner]);
  const [paging, setPaging] = useState({ filterKey, page: 1 });
  const page = paging.filterKey === filterKey ? paging.page : 1;

  const { value, loading, error } = useAsync(
    () => api.getMatrix({ product, system, owner, page, per_page: perPage }),
    [api, product, system, owner, page, perPage, refreshKey],
  );

  useEffect(() => {
    if (value) onLoad?.(value);
  }, [value, onLoad]);

  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;

  const environments = [...value.environments].sort(
    (a, b) => a.order - b.order || a.name.localeCompare(b.name),
  );
  const filtered = Boolean(system || owner);
  const productName = product ? parseEntityRef(product).name : undefined;

  if (environments.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No environments configured"
        description="Add environments under deployments.environments in app-config.yaml (name, tier, order) and restart the backend."
      />
    );
  }
  if (value.rows.length === 0) {
    return filtered ? (
      <EmptyState
        missing="data"
        title="No products match these filters"
        description="Clear the system or owner filter to see every product."
      />
    ) : (
      <EmptyState
        missing="data"
        title={
          product ? 'No deployments of this product yet' : 'No products yet'
        }
        description="Products are the Component entities of the catalog; they appear here once the catalog lists them or CI records a deployment."
        action={<RecordDeploymentHint productName={productName} />}
      />
    );
  }
  const nothingDeployed = value.rows.every(
    row => Object.keys(row.cells).length === 0,
  );
  if (nothingDeployed && value.page === 1 && !value.nextPage && !filtered) {
    return (
      <EmptyState
        missing="data"
        title={
          product ? 'No deployments of this product yet' : 'No deployments yet'
        }
        action={
          <RecordDeploymentHint
            productName={productName ?? value.rows[0]?.product.name}
          />
        }
      />
    );
  }

  return (
    <Box>
      {loading && <LinearProgress />}
      <TableContainer>
        <Table size="small" aria-label="Environment matrix">
          <TableHead>
            <TableRow>
              <TableCell>Product</TableCell>
              {environments.map(environment => (
                <TableCell key={environment.name}>
                  <Typography variant="body2" component="div">
                    <strong>{environment.title || environment.name}</strong>
                  </Typography>
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    component="div"
                  >
                    {environment.tier}
                  </Typography>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {value.rows.map(row => (
              <TableRow key={row.product.entityRef}>
                <TableCell component="th" scope="row">
                  <ProductCell
                    row={row}
                    linkToDeploymentsTab={linkToDeploymentsTab}
                  />
                </TableCell>
                {environments.map(environment => (
                  <TableCell key={environment.name}>
                    <EnvironmentCell cell={row.cells[environment.name]} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {value.total > perPage && (
        <TablePagination
          component="div"
          count={value.total}
          page={value.page - 1}
          rowsPerPage={perPage}
          rowsPerPageOptions={[perPage]}
          onPageChange={(_event, next) =>
            setPaging({ filterKey, page: next + 1 })
          }
        />
      )}
    </Box>
  );
}
