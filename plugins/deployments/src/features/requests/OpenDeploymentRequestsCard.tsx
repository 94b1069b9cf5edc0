import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { OPEN_DEPLOYMENT_REQUEST_STATES } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { useDeploymentRequestsRefresh } from '../../hooks/useDeploymentRequestsRefresh';
import { DEPLOYMENT_REQUESTS_PATH, deploymentRequestPath } from '../../routes';
import { DeploymentRequestStateChip } from './DeploymentRequestStateChip';
import { RelativeTime } from '../../components/RelativeTime';
import { RequestItemChips } from '../../components/RequestItemChips';
import { WaitingOn } from './WaitingOn';

/** Requests per state the card shows. */
export const OPEN_REQUESTS_PER_STATE = 10;

/**
 * The seed's dashboard: the deployment requests that are still open — in progress (waiting on
 * approvals) first, then approved (ready to deploy) — for everyone to see at the top of the
 * Deployments page.
 */
export function OpenDeploymentRequestsCard() {
  const api = useApi(deploymentsApiRef);
  const { refreshKey } = useDeploymentRequestsRefresh();
  const open = useAsync(
    () =>
      Promise.all(
        OPEN_DEPLOYMENT_REQUEST_STATES.map(state =>
          api.listRequests({
            state,
            page: 1,
            per_page: OPEN_REQUESTS_PER_STATE,
          }),
        ),
      ),
    [api, refreshKey],
  );

  let content;
  if (open.error) {
    content = <ResponseErrorPanel error={open.error} />;
  } else if (!open.value) {
    content = <Progress />;
  } else {
    const requests = open.value.flatMap(page => page.items);
    const total = open.value.reduce((sum, page) => sum + page.total, 0);
    content =
      requests.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No open deployment requests. Requests waiting on approvals or ready to
          deploy show here.
        </Typography>
      ) : (
        <>
          <Table size="small" aria-label="Open deployment requests">
            <TableHead>
              <TableRow>
                <TableCell>State</TableCell>
                <TableCell>Request</TableCell>
                <TableCell>Products</TableCell>
                <TableCell>Environment</TableCell>
                <TableCell>Waiting on</TableCell>
                <TableCell>Updated</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {requests.map(request => (
                <TableRow key={request.id}>
                  <TableCell>
                    <DeploymentRequestStateChip state={request.state} />
                  </TableCell>
                  <TableCell>
                    <Link to={deploymentRequestPath(request.id)}>
                      #{request.id} {request.title}
                    </Link>
                  </TableCell>
                  <TableCell>
                    <RequestItemChips items={request.items} />
                  </TableCell>
                  <TableCell>{request.environment}</TableCell>
                  <TableCell>
                    {request.state === 'in_progress' ? (
                      <WaitingOn waitingOn={request.waitingOn} />
                    ) : (
                      'ready to deploy'
                    )}
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <RelativeTime value={request.updatedAt} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {total > requests.length && (
            <Typography
              variant="body2"
              color="textSecondary"
              style={{ marginTop: 8 }}
            >
              Showing {requests.length} of {total} open requests.
            </Typography>
          )}
        </>
      );
  }

  return (
    <InfoCard
      title="Open deployment requests"
      deepLink={{
        title: 'All deployment requests',
        link: DEPLOYMENT_REQUESTS_PATH,
      }}
    >
      {content}
    </InfoCard>
  );
}
