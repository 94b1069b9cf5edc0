import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  InfoCard,
  Link,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import AddIcon from '@material-ui/icons/Add';
import {
  DEPLOYMENT_REQUEST_STATES,
  deploymentRequestCreatePermission,
  DeploymentRequestState,
  DeploymentRequestSummary,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { PagedTable, usePaging } from '../../components/PagedTable';
import { useDeploymentRequestsRefresh } from '../../hooks/useDeploymentRequestsRefresh';
import { entityProductsOf } from '../systems/entityProducts';
import { deploymentRequestPath } from '../../routes';
import { DeploymentRequestForm } from './form/DeploymentRequestForm';
import {
  DeploymentRequestStateChip,
  deploymentRequestStateLabel,
} from './DeploymentRequestStateChip';
import { RelativeTime } from '../../components/RelativeTime';
import { WaitingOn } from './WaitingOn';
import { RefreshButton } from '../../components/RefreshButton';
import { ReadableTextTheme } from '../../components/ReadableTextTheme';

const columns: TableColumn<DeploymentRequestSummary>[] = [
  {
    title: 'ID',
    field: 'id',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => `#${row.id}`,
  },
  {
    title: 'Title',
    field: 'title',
    render: row => <Link to={deploymentRequestPath(row.id)}>{row.title}</Link>,
  },
  { title: 'Target environment', field: 'environment' },
  {
    title: 'State',
    field: 'state',
    render: row => <DeploymentRequestStateChip state={row.state} />,
  },
  {
    title: 'Waiting on',
    field: 'waitingOn',
    render: row => <WaitingOn waitingOn={row.waitingOn} />,
  },
  {
    title: 'Created by',
    field: 'createdBy',
    render: row => (
      <EntityRefLink entityRef={row.createdBy} defaultKind="user" />
    ),
  },
  {
    title: 'Created',
    field: 'createdAt',
    render: row => <RelativeTime value={row.createdAt} />,
  },
];

/**
 * The Deployment Requests tab of a product: its requests, newest first, paged by the server
 * and filtered by state, and a form to create one with this product pre-filled. On a
 * System's page: the requests of its components, and a form with each of them as an item.
 */
export function EntityDeploymentRequestsContent() {
  return (
    <ReadableTextTheme>
      <ProductDeploymentRequests />
    </ReadableTextTheme>
  );
}

function ProductDeploymentRequests() {
  const { entity } = useEntity();
  const { ref: product, components, noun } = entityProductsOf(entity);
  const api = useApi(deploymentsApiRef);
  const navigate = useNavigate();
  const { allowed: canCreate } = usePermission({
    permission: deploymentRequestCreatePermission,
  });
  const { refreshKey, refresh } = useDeploymentRequestsRefresh();

  const [state, setState] = useState<DeploymentRequestState | ''>('');
  const paging = usePaging();
  const [creating, setCreating] = useState(false);

  const requests = useAsync(
    () =>
      api.listRequests({
        product,
        state: state || undefined,
        page: paging.page + 1,
        per_page: paging.pageSize,
      }),
    [api, product, state, paging.page, paging.pageSize, refreshKey],
  );

  const newButton = canCreate && !creating && (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setCreating(true)}
    >
      New deployment request
    </Button>
  );

  const neverAny =
    !state &&
    !requests.loading &&
    !requests.error &&
    requests.value?.total === 0;

  let list;
  if (requests.error) {
    list = <ResponseErrorPanel error={requests.error} />;
  } else if (neverAny) {
    list = (
      <EmptyState
        missing="content"
        title={`No deployment requests for this ${noun} yet`}
        description="A deployment request gathers the approvals and steps a deployment needs, and records who did what."
        action={newButton || undefined}
      />
    );
  } else {
    list = (
      <PagedTable<DeploymentRequestSummary>
        columns={columns}
        items={requests.value?.items}
        total={requests.value?.total}
        loading={requests.loading}
        paging={paging}
        pageSizeOptions={[10, 20, 50]}
        emptyContent={
          <Box p={3}>
            No{' '}
            {state
              ? deploymentRequestStateLabel(state).toLocaleLowerCase('en-US')
              : ''}{' '}
            deployment requests for this {noun}.
          </Box>
        }
      />
    );
  }

  return (
    <Grid container spacing={3}>
      {creating && (
        <Grid item xs={12}>
          <InfoCard title="New deployment request">
            <DeploymentRequestForm
              initialProducts={components}
              onSaved={request => navigate(deploymentRequestPath(request.id))}
              onCancel={() => setCreating(false)}
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard
          title="Deployment requests"
          action={
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              <TextField
                select
                size="small"
                variant="outlined"
                label="State"
                value={state}
                style={{ minWidth: 160 }}
                onChange={event => {
                  setState(event.target.value as DeploymentRequestState | '');
                  paging.reset();
                }}
                SelectProps={{
                  SelectDisplayProps: { 'aria-label': 'State filter' },
                }}
              >
                <MenuItem value="">Any</MenuItem>
                {DEPLOYMENT_REQUEST_STATES.map(value => (
                  <MenuItem key={value} value={value}>
                    {deploymentRequestStateLabel(value)}
                  </MenuItem>
                ))}
              </TextField>
              {!neverAny && newButton}
              <RefreshButton onClick={refresh} />
            </Box>
          }
        >
          {list}
        </InfoCard>
      </Grid>
    </Grid>
  );
}
