import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { EnvironmentConfigChange } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';

const PER_PAGE = 10;

/** Where a revision came from: a promotion, a recorded deployment, or an edit. */
function changeSourceText(change: EnvironmentConfigChange): string {
  if (change.source === 'promotion')
    return `promotion from ${change.promotedFrom}`;
  if (change.source === 'deployment')
    return `deployment #${change.deploymentId}`;
  return 'edited';
}

const columns: TableColumn<EnvironmentConfigChange>[] = [
  { title: 'Revision', field: 'revision' },
  {
    title: 'When',
    field: 'changedAt',
    render: row => new Date(row.changedAt).toLocaleString(),
  },
  {
    title: 'Change',
    field: 'source',
    render: row => changeSourceText(row),
  },
  { title: 'By', field: 'changedBy', render: row => row.changedBy ?? '—' },
  { title: 'Version', field: 'version', render: row => row.version ?? '—' },
  {
    title: 'Variables',
    field: 'variables',
    render: row => Object.keys(row.variables).length,
  },
];

/** An environment's configuration changes, newest first, paged by the server. */
export function ConfigHistoryDialog(props: {
  product: string;
  environment: string;
  onClose: () => void;
}) {
  const { product, environment, onClose } = props;
  const api = useApi(deploymentsApiRef);
  const [page, setPage] = useState(1);
  const history = useAsync(
    () =>
      api.listEnvironmentConfigHistory(product, environment, {
        page,
        per_page: PER_PAGE,
      }),
    [api, product, environment, page],
  );
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="config-history-title"
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id="config-history-title">
        History of {environment}
      </DialogTitle>
      <DialogContent>
        {history.loading && <Progress />}
        {history.error && <ResponseErrorPanel error={history.error} />}
        {history.value && (
          <Table
            options={{
              paging: false,
              search: false,
              toolbar: false,
              padding: 'dense',
            }}
            data={history.value.items}
            columns={columns}
            emptyContent={<div style={{ padding: 16 }}>No changes yet</div>}
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button disabled={page === 1} onClick={() => setPage(p => p - 1)}>
          Newer
        </Button>
        <Button
          disabled={!history.value?.nextPage}
          onClick={() => setPage(p => p + 1)}
        >
          Older
        </Button>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
