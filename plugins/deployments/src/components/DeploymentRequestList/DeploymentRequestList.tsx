import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  ContentHeader,
  Header,
  Link,
  LinkButton,
  Page,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  DEPLOYMENT_REQUEST_STATES,
  DeploymentRequestQuery,
  DeploymentRequestState,
  DeploymentRequestSummary,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { useDeploymentRequestsRefresh } from '../../hooks/useDeploymentRequestsRefresh';
import { DEPLOYMENT_REQUESTS_PATH, deploymentRequestPath } from '../../routes';
import {
  DeploymentRequestStateChip,
  deploymentRequestStateLabel,
} from '../DeploymentRequestStateChip';
import { RelativeTime } from '../RelativeTime';
import { RequestItemChips } from '../RequestItemChips';
import { UserRef } from '../UserRef';
import { WaitingOn } from '../WaitingOn';

/** The filters above the list; all optional. */
export interface DeploymentRequestListFilters {
  state?: DeploymentRequestState;
  environment?: string;
  mine?: boolean;
  approvable?: boolean;
}

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
  {
    title: 'Products',
    field: 'items',
    render: row => <RequestItemChips items={row.items} />,
  },
  { title: 'Environment', field: 'environment' },
  {
    title: 'State',
    field: 'state',
    render: row => <DeploymentRequestStateChip state={row.state} />,
  },
  {
    title: 'Waiting on',
    field: 'waitingOn',
    render: row =>
      row.state === 'in_progress' ? (
        <WaitingOn waitingOn={row.waitingOn} />
      ) : (
        '—'
      ),
  },
  {
    title: 'Created by',
    field: 'createdBy',
    render: row => <UserRef entityRef={row.createdBy} />,
  },
  {
    title: 'Updated',
    field: 'updatedAt',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row => <RelativeTime value={row.updatedAt} />,
  },
];

function Filters({
  value,
  onChange,
  environments,
}: {
  value: DeploymentRequestListFilters;
  onChange: (value: DeploymentRequestListFilters) => void;
  environments?: Array<{ name: string; title: string }>;
}) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      mb={2}
      style={{ gap: 16 }}
    >
      <TextField
        select
        id="deployment-requests-state"
        label="State"
        variant="outlined"
        size="small"
        style={{ minWidth: 160 }}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        value={value.state ?? ''}
        onChange={event =>
          onChange({
            ...value,
            state: (event.target.value || undefined) as
              | DeploymentRequestState
              | undefined,
          })
        }
      >
        <option value="">All states</option>
        {DEPLOYMENT_REQUEST_STATES.map(state => (
          <option key={state} value={state}>
            {deploymentRequestStateLabel(state)}
          </option>
        ))}
      </TextField>
      <TextField
        select
        id="deployment-requests-environment"
        label="Environment"
        variant="outlined"
        size="small"
        style={{ minWidth: 200 }}
        SelectProps={{ native: true }}
        InputLabelProps={{ shrink: true }}
        disabled={!environments}
        value={value.environment ?? ''}
        onChange={event =>
          onChange({ ...value, environment: event.target.value || undefined })
        }
      >
        <option value="">All environments</option>
        {(environments ?? []).map(environment => (
          <option key={environment.name} value={environment.name}>
            {environment.title || environment.name}
          </option>
        ))}
      </TextField>
      <FormControlLabel
        control={
          <Checkbox
            color="primary"
            checked={Boolean(value.mine)}
            onChange={event =>
              onChange({ ...value, mine: event.target.checked || undefined })
            }
          />
        }
        label="Created by me"
      />
      <FormControlLabel
        control={
          <Checkbox
            color="primary"
            checked={Boolean(value.approvable)}
            onChange={event =>
              onChange({
                ...value,
                approvable: event.target.checked || undefined,
              })
            }
          />
        }
        label="I can approve"
      />
    </Box>
  );
}

/**
 * Every deployment request, newest first, filtered and paged by the server. Reloads when the
 * backend signals that a request changed.
 */
export function DeploymentRequestList({
  pageSize: initialPageSize = 20,
}: {
  pageSize?: number;
}) {
  const api = useApi(deploymentsApiRef);
  const [filters, setFilters] = useState<DeploymentRequestListFilters>({});
  const [page, setPage] = useState(0);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const { refreshKey } = useDeploymentRequestsRefresh();

  const environments = useAsync(async () => {
    const list = await api.listEnvironments();
    return [...list].sort((a, b) => a.order - b.order);
  }, [api]);

  const query: DeploymentRequestQuery = {
    ...filters,
    page: page + 1,
    per_page: pageSize,
  };
  const requests = useAsync(
    () => api.listRequests(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, JSON.stringify(query), refreshKey],
  );
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Page themeId="tool">
      <Header
        title="Deployment Requests"
        subtitle="Governed deployments: who must approve, which steps to run, and what happened"
      />
      <Content>
        <ContentHeader title="">
          <Box display="flex" style={{ gap: 8 }}>
            <LinkButton
              to={`${DEPLOYMENT_REQUESTS_PATH}/templates`}
              variant="outlined"
            >
              Templates
            </LinkButton>
            <LinkButton
              to={`${DEPLOYMENT_REQUESTS_PATH}/new`}
              variant="contained"
              color="primary"
            >
              New deployment request
            </LinkButton>
          </Box>
        </ContentHeader>
        <Filters
          value={filters}
          onChange={next => {
            setFilters(next);
            setPage(0);
          }}
          environments={environments.error ? [] : environments.value}
        />
        {requests.error ? (
          <ResponseErrorPanel error={requests.error} />
        ) : (
          <Table<DeploymentRequestSummary>
            title="Deployment requests"
            columns={columns}
            data={requests.value?.items ?? []}
            isLoading={requests.loading}
            page={page}
            totalCount={requests.value?.total ?? 0}
            onPageChange={(nextPage, nextPageSize) => {
              setPage(nextPageSize === pageSize ? nextPage : 0);
              setPageSize(nextPageSize);
            }}
            options={{
              paging: true,
              pageSize,
              pageSizeOptions: [10, 20, 50, 100],
              search: false,
              sorting: false,
              padding: 'dense',
              emptyRowsWhenPaging: false,
            }}
            emptyContent={
              <Box p={3}>
                <Typography variant="body2" color="textSecondary">
                  {filtered
                    ? 'No deployment requests match these filters.'
                    : 'No deployment requests yet. Create one to ask for approvals before a deployment.'}
                </Typography>
              </Box>
            }
          />
        )}
      </Content>
    </Page>
  );
}
