import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Link,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  Deployment,
  DeploymentQuery,
  Environment,
  isSystemRef,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import { PagedTable, usePaging } from '../../../components/PagedTable';
import { DeploymentStatusLabel } from './DeploymentStatusLabel';
import { BreakGlassChip } from '../../breakGlass/BreakGlassChip';
import { RelativeTime } from '../../../components/RelativeTime';
import { BlockedDeploymentCell } from '../../protection/BlockedDeploymentCell';
import {
  DeploymentDecisionDialog,
  DeploymentDecisionTarget,
} from '../../protection/DeploymentDecisionDialog';
import {
  DeploymentHistoryFilters,
  DeploymentHistoryFilterValues,
} from './DeploymentHistoryFilters';

export interface DeploymentHistoryTableProps {
  /** Entity ref of the product; every product's deployments when absent. */
  product?: string;
  /** Change it to load the current page again. */
  refreshKey?: number;
  /** Rows per page (the server pages). */
  pageSize?: number;
  title?: string;
}

const SHORT_SHA_LENGTH = 8;

/** What the status cell needs to offer blocked deployments' approvers their decision. */
interface BlockedActions {
  canDecide: (id: number) => boolean;
  onDecide: (deployment: Deployment, status: 'approved' | 'rejected') => void;
}

function columnsFor(
  showProduct: boolean,
  blocked?: BlockedActions,
): TableColumn<Deployment>[] {
  return [
    {
      title: 'ID',
      field: 'id',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => `#${row.id}`,
    },
    ...(showProduct
      ? [
          {
            title: 'Product',
            field: 'product',
            render: (row: Deployment) => (
              <EntityRefLink entityRef={row.product}>
                {row.product_name}
              </EntityRefLink>
            ),
          },
        ]
      : []),
    {
      title: 'Version',
      field: 'version',
      render: row => <strong>{row.version}</strong>,
    },
    { title: 'Environment', field: 'environment' },
    {
      title: 'Status',
      field: 'status',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => (
        <>
          <Box display="flex" alignItems="center" style={{ gap: 4 }}>
            <DeploymentStatusLabel status={row.status} />
            {row.break_glass_id !== null && (
              <BreakGlassChip sessionId={row.break_glass_id} />
            )}
          </Box>
          {blocked && (
            <BlockedDeploymentCell
              deployment={row}
              canDecide={blocked.canDecide(row.id)}
              onDecide={status => blocked.onDecide(row, status)}
            />
          )}
        </>
      ),
    },
    {
      title: 'Ref / tag',
      field: 'ref',
      render: row => (
        <>
          {row.ref ?? '—'}
          {row.tag && row.tag !== row.ref && (
            <Typography variant="caption" color="textSecondary" component="div">
              tag {row.tag}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Commit',
      field: 'sha',
      render: row =>
        row.sha ? (
          <code title={row.sha}>{row.sha.slice(0, SHORT_SHA_LENGTH)}</code>
        ) : (
          '—'
        ),
    },
    {
      title: 'Deployed by',
      field: 'deployed_by',
      render: row => row.deployed_by ?? '—',
    },
    {
      title: 'Created',
      field: 'created_at',
      render: row => <RelativeTime value={row.created_at} />,
    },
    {
      title: 'Finished',
      field: 'finished_at',
      render: row => <RelativeTime value={row.finished_at} />,
    },
    {
      title: 'Build',
      field: 'build_url',
      render: row =>
        row.build_url ? (
          <Link to={row.build_url} target="_blank" rel="noopener noreferrer">
            Build
          </Link>
        ) : (
          '—'
        ),
    },
  ];
}

/**
 * The deployment records of one product (or of all), newest first, paged by the server and
 * filtered by environment and status.
 */
export function DeploymentHistoryTable({
  product,
  refreshKey = 0,
  pageSize: initialPageSize = 20,
  title,
}: DeploymentHistoryTableProps) {
  const api = useApi(deploymentsApiRef);
  const [filters, setFilters] = useState<DeploymentHistoryFilterValues>({});
  // Zero-based, as the table counts pages; the API counts from one.
  const paging = usePaging(initialPageSize);

  const environments = useAsync(() => api.listEnvironments(), [api]);

  const query: DeploymentQuery = {
    product,
    environment: filters.environment,
    status: filters.status,
    order_by: 'id',
    sort: 'desc',
    page: paging.page + 1,
    per_page: paging.pageSize,
  };
  const [decision, setDecision] = useState<DeploymentDecisionTarget>();
  const [decided, setDecided] = useState(0);
  const deployments = useAsync(
    () => api.listDeployments(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, JSON.stringify(query), refreshKey, decided],
  );
  // Which blocked deployments the caller may decide: their My Tasks says (rules, groups, triggerer).
  const anyBlocked = Boolean(
    deployments.value?.items.some(d => d.status === 'blocked'),
  );
  const decidable = useAsync(
    async () =>
      new Map<number, string[]>(
        anyBlocked
          ? (await api.getTasks({ product })).tasks.flatMap(t =>
              t.kind === 'deployment_approval'
                ? [[t.deployment.id, t.matches] as [number, string[]]]
                : [],
            )
          : [],
      ),
    [api, product, anyBlocked, refreshKey, decided],
  );
  const blockedActions: BlockedActions = {
    canDecide: id => Boolean(decidable.value?.has(id)),
    onDecide: (deployment, status) =>
      setDecision({
        deployment,
        status,
        matches: decidable.value?.get(deployment.id),
      }),
  };

  const filtered = Boolean(filters.environment || filters.status);
  // Undefined while they load (the picker waits); none when they could not be listed.
  let environmentChoices: Environment[] | undefined = environments.error
    ? []
    : undefined;
  if (environments.value) {
    environmentChoices = [...environments.value].sort(
      (a, b) => a.order - b.order,
    );
  }

  return (
    <Box>
      <DeploymentHistoryFilters
        value={filters}
        onChange={next => {
          setFilters(next);
          paging.reset();
        }}
        environments={environmentChoices}
        environmentsError={environments.error}
      />
      {deployments.error ? (
        <ResponseErrorPanel error={deployments.error} />
      ) : (
        <PagedTable<Deployment>
          title={title}
          columns={columnsFor(!product || isSystemRef(product), blockedActions)}
          items={deployments.value?.items}
          total={deployments.value?.total}
          loading={deployments.loading}
          paging={paging}
          emptyContent={
            <Box p={3}>
              <Typography variant="body2" color="textSecondary">
                {filtered
                  ? 'No deployments match these filters.'
                  : 'No deployments recorded yet. CI records one by posting to /api/deployments/deployments.'}
              </Typography>
            </Box>
          }
        />
      )}
      <DeploymentDecisionDialog
        target={decision}
        onClose={() => setDecision(undefined)}
        onDecided={() => {
          setDecision(undefined);
          setDecided(n => n + 1);
        }}
      />
    </Box>
  );
}
