import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  ResponseErrorPanel,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import TextField from '@material-ui/core/TextField';
import {
  PROMOTION_STATUSES,
  Promotion,
  PromotionStatus,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { FilterSelect } from '../../components/FilterSelect';
import { PagedTable, usePaging } from '../../components/PagedTable';
import { PromotionDetails } from './PromotionDetails';
import {
  PromotionStatusChip,
  promotionStatusLabel,
} from './PromotionStatusChip';

const duration = (seconds: number | null) => {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
};

export interface PromotionHistoryProps {
  product: string;
  environments: string[];
  /** Bumped by the parent when a promotion was requested or decided elsewhere. */
  refreshKey?: number;
  onChanged?: (promotion: Promotion) => void;
}

/** The product's promotions (the seed's columns), filtered and paged by the server. */
export function PromotionHistory(props: PromotionHistoryProps) {
  const { product, environments, refreshKey, onChanged } = props;
  const api = useApi(deploymentsApiRef);
  const paging = usePaging(10);
  const [environment, setEnvironment] = useState<string>();
  const [status, setStatus] = useState<PromotionStatus>();
  const [requester, setRequester] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<Promotion>();
  const [version, setVersion] = useState(0);

  const page = useAsync(
    () =>
      api.listPromotions(product, {
        environment,
        status,
        requester: requester.trim() || undefined,
        from: from ? new Date(from).toISOString() : undefined,
        to: to ? new Date(`${to}T23:59:59`).toISOString() : undefined,
        page: paging.page + 1,
        per_page: paging.pageSize,
      }),
    [
      api,
      product,
      environment,
      status,
      requester,
      from,
      to,
      paging.page,
      paging.pageSize,
      refreshKey,
      version,
    ],
  );

  const columns: TableColumn<Promotion>[] = [
    {
      title: 'Requested',
      field: 'createdAt',
      render: p => new Date(p.createdAt).toLocaleString(),
    },
    {
      title: 'Source → Target',
      field: 'source',
      render: p => (
        <Button
          size="small"
          onClick={() => setOpen(p)}
          aria-label={`Open promotion ${p.id}`}
        >
          {p.source} → {p.target}
        </Button>
      ),
    },
    { title: 'Requester', field: 'requester' },
    {
      title: 'Status',
      field: 'status',
      render: p => <PromotionStatusChip status={p.status} />,
    },
    {
      title: 'Approvers',
      field: 'approvals',
      render: p =>
        p.approvals.length
          ? p.approvals
              .map(
                a =>
                  `${a.by.replace(/^user:default\//, '')} (${
                    a.decision
                  }d ${new Date(a.at).toLocaleString()})`,
              )
              .join(', ')
          : '—',
    },
    {
      title: 'Changes',
      field: 'preview',
      render: p =>
        `${p.preview.changes.workloads} workload · ${p.preview.changes.variables} variable · ${p.preview.changes.bindings} binding`,
    },
    {
      title: 'Duration',
      field: 'durationSeconds',
      render: p => duration(p.durationSeconds),
    },
  ];

  return (
    <InfoCard title="Promotion history" noPadding>
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }} p={2}>
        <FilterSelect
          id="promotion-environment"
          label="Environment"
          allLabel="All environments"
          options={environments.map(e => ({ value: e, label: e }))}
          value={environment}
          onChange={v => {
            setEnvironment(v);
            paging.reset();
          }}
        />
        <FilterSelect
          id="promotion-status"
          label="Status"
          allLabel="All statuses"
          options={PROMOTION_STATUSES.map(s => ({
            value: s,
            label: promotionStatusLabel(s),
          }))}
          value={status}
          onChange={v => {
            setStatus(v);
            paging.reset();
          }}
        />
        <TextField
          id="promotion-requester"
          label="Requester (entity ref)"
          variant="outlined"
          size="small"
          value={requester}
          onChange={e => {
            setRequester(e.target.value);
            paging.reset();
          }}
        />
        <TextField
          id="promotion-from"
          label="From"
          type="date"
          variant="outlined"
          size="small"
          InputLabelProps={{ shrink: true }}
          value={from}
          onChange={e => setFrom(e.target.value)}
        />
        <TextField
          id="promotion-to"
          label="To"
          type="date"
          variant="outlined"
          size="small"
          InputLabelProps={{ shrink: true }}
          value={to}
          onChange={e => setTo(e.target.value)}
        />
      </Box>
      {page.error ? (
        <ResponseErrorPanel error={page.error} />
      ) : (
        <PagedTable
          columns={columns}
          items={page.value?.items}
          total={page.value?.total}
          loading={page.loading}
          paging={paging}
          emptyContent={<Box p={2}>No promotions yet</Box>}
        />
      )}
      {open && (
        <Dialog
          open
          onClose={() => setOpen(undefined)}
          fullWidth
          maxWidth="md"
          aria-label={`Promotion ${open.id}`}
        >
          <DialogContent>
            <PromotionDetails
              promotion={open}
              onChanged={p => {
                setOpen(p);
                setVersion(v => v + 1);
                onChanged?.(p);
              }}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(undefined)}>Close</Button>
          </DialogActions>
        </Dialog>
      )}
    </InfoCard>
  );
}
