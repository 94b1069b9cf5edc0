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
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import {
  DEPLOYMENT_REQUEST_STATES,
  DeploymentRequestQuery,
  DeploymentRequestState,
  DeploymentRequestSummary,
  deploymentRequestCreatePermission,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { PagedTable, usePaging } from '../../components/PagedTable';
import {
  FilterSelect,
  environmentOptions,
} from '../../components/FilterSelect';
import { useDeploymentRequestsRefresh } from '../../hooks/useDeploymentRequestsRefresh';
import { DEPLOYMENT_REQUESTS_PATH, deploymentRequestPath } from '../../routes';
import {
  DeploymentRequestStateChip,
  deploymentRequestStateLabel,
} from './DeploymentRequestStateChip';
import { RelativeTime } from '../../components/RelativeTime';
import { RequestItemChips } from '../../components/RequestItemChips';
import { UserRef } from '../../components/UserRef';
import { WaitingOn } from './WaitingOn';

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
      <FilterSelect<DeploymentRequestState>
        id="deployment-requests-state"
        label="State"
        allLabel="All states"
        options={DEPLOYMENT_REQUEST_STATES.map(state => ({
          value: state,
          label: deploymentRequestStateLabel(state),
        }))}
        value={value.state}
        onChange={state => onChange({ ...value, state })}
      />
      <FilterSelect
        id="deployment-requests-environment"
        label="Environment"
        allLabel="All environments"
        minWidth={200}
        options={environmentOptions(environments)}
        disabled={!environments}
        value={value.environment}
        onChange={environment => onChange({ ...value, environment })}
      />
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
/** What an empty list says: offering to create one only to those who may. */
function emptyText(filtered: boolean, canCreate: boolean): string {
  if (filtered) return 'No deployment requests match these filters.';
  return canCreate
    ? 'No deployment requests yet. Create one to ask for approvals before a deployment.'
    : 'No deployment requests yet.';
}

export function DeploymentRequestList({
  pageSize: initialPageSize = 20,
}: {
  pageSize?: number;
}) {
  const api = useApi(deploymentsApiRef);
  // The server refuses a request from anyone else (403); the button is not offered to them.
  const { allowed: canCreate } = usePermission({
    permission: deploymentRequestCreatePermission,
  });
  const [filters, setFilters] = useState<DeploymentRequestListFilters>({});
  const paging = usePaging(initialPageSize);
  const { refreshKey } = useDeploymentRequestsRefresh();

  const environments = useAsync(async () => {
    const list = await api.listEnvironments();
    return [...list].sort((a, b) => a.order - b.order);
  }, [api]);

  const query: DeploymentRequestQuery = {
    ...filters,
    page: paging.page + 1,
    per_page: paging.pageSize,
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
            {canCreate && (
              <LinkButton
                to={`${DEPLOYMENT_REQUESTS_PATH}/new`}
                variant="contained"
                color="primary"
              >
                New deployment request
              </LinkButton>
            )}
          </Box>
        </ContentHeader>
        <Filters
          value={filters}
          onChange={next => {
            setFilters(next);
            paging.reset();
          }}
          environments={environments.error ? [] : environments.value}
        />
        {requests.error ? (
          <ResponseErrorPanel error={requests.error} />
        ) : (
          <PagedTable<DeploymentRequestSummary>
            title="Deployment requests"
            columns={columns}
            items={requests.value?.items}
            total={requests.value?.total}
            loading={requests.loading}
            paging={paging}
            emptyContent={
              <Box p={3}>
                <Typography variant="body2" color="textSecondary">
                  {emptyText(filtered, canCreate)}
                </Typography>
              </Box>
            }
          />
        )}
      </Content>
    </Page>
  );
}
