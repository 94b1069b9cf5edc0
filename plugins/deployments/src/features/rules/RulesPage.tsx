import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Content,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Switch from '@material-ui/core/Switch';
import Alert from '@material-ui/lab/Alert';
import AddIcon from '@material-ui/icons/Add';
import {
  DeploymentRule,
  productNameOf,
  ruleManagePermission,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { approvalTypeLabel } from '../../components/ApprovalTypeLabel';
import { EditDeleteActions } from '../../components/EditDeleteActions';
import { ConfirmDeleteDialog } from '../../components/ConfirmDeleteDialog';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { useServerAction } from '../../hooks/useServerAction';
import { ENVIRONMENTS_PATH } from '../../routes';
import { EvaluateRulesCard } from './EvaluateRulesCard';
import { RuleDialog } from './RuleDialog';

/** `production; tiers production; payment-api` — or every deployment. */
export function matchText(rule: DeploymentRule): string {
  const { environments, tiers, products } = rule.match;
  const parts = [
    environments.length ? `environments ${environments.join(', ')}` : '',
    tiers.length ? `tiers ${tiers.join(', ')}` : '',
    products.length ? `products ${products.map(productNameOf).join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'every deployment';
}

export function requiresText(rule: DeploymentRule): string {
  const parts = [
    rule.requireApprovedRequest ? 'an approved request' : '',
    rule.requiredApprovals.length
      ? rule.requiredApprovals
          .map(a => `${approvalTypeLabel(a.approvalType)} ×${a.count}`)
          .join(', ')
      : '',
    rule.approvalOrder.length
      ? `order ${rule.approvalOrder.map(approvalTypeLabel).join(' → ')}`
      : '',
  ].filter(Boolean);
  return parts.join('; ');
}

/** Org-wide deployment rules (admins): list, create, edit, enable, delete, and a dry run. */
export function RulesPage() {
  const api = useApi(deploymentsApiRef);
  const { allowed, loading: permissionLoading } = usePermission({
    permission: ruleManagePermission,
  });
  const rules = useAsyncRetry(
    async () => (allowed ? api.listRules() : []),
    [api, allowed],
  );
  /** `null`: the create dialog; a rule: its edit dialog. */
  const [editing, setEditing] = useState<DeploymentRule | null>();
  const [deleting, setDeleting] = useState<DeploymentRule>();
  /** Enabling or disabling a rule from its row: the rule is sent whole, flipped. */
  const toggle = useServerAction(async (rule: DeploymentRule) => {
    const {
      name,
      match,
      requireApprovedRequest,
      requiredApprovals,
      approvalOrder,
    } = rule;
    await api.updateRule(rule.id, {
      name,
      match,
      requireApprovedRequest,
      requiredApprovals,
      approvalOrder,
      enabled: !rule.enabled,
    });
    rules.retry();
  });

  const columns: TableColumn<DeploymentRule>[] = [
    {
      title: 'Enabled',
      field: 'enabled',
      render: row => (
        <Switch
          checked={row.enabled}
          disabled={toggle.busy}
          color="primary"
          inputProps={{
            'aria-label': `${row.enabled ? 'Disable' : 'Enable'} ${row.name}`,
          }}
          onChange={() => toggle.run(row)}
        />
      ),
    },
    {
      title: 'Name',
      field: 'name',
      render: row => <strong>{row.name}</strong>,
    },
    { title: 'Applies to', field: 'match', render: matchText },
    { title: 'Requires', field: 'requiredApprovals', render: requiresText },
    {
      title: 'Actions',
      field: 'id',
      cellStyle: { whiteSpace: 'nowrap' },
      render: row => (
        <EditDeleteActions
          name={row.name}
          onEdit={() => setEditing(row)}
          onDelete={() => setDeleting(row)}
        />
      ),
    },
  ];

  let body;
  if (permissionLoading) {
    body = <Progress />;
  } else if (!allowed) {
    body = (
      <Alert severity="info">
        Deployment rules are org-wide policy: only people allowed to manage
        rules (admins) see and change them.
      </Alert>
    );
  } else if (rules.error) {
    body = <ResponseErrorPanel error={rules.error} />;
  } else if (!rules.loading && rules.value?.length === 0) {
    body = (
      <EmptyState
        missing="content"
        title="No deployment rules yet"
        description="A rule can require an approved deployment request before deployments to some environments, add approval slots to their requests, and set the order of approvals."
      />
    );
  } else {
    body = (
      <Table<DeploymentRule>
        title="Rules"
        columns={columns}
        data={rules.value ?? []}
        isLoading={rules.loading}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          draggable: false,
        }}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Deployment rules"
        subtitle="Org-wide policy for deployments and their requests"
      />
      <Content>
        <Box
          display="flex"
          justifyContent="flex-end"
          alignItems="center"
          mb={2}
          style={{ gap: 16 }}
        >
          <Link to={ENVIRONMENTS_PATH}>Environments</Link>
          {allowed && (
            <Button
              variant="contained"
              color="primary"
              startIcon={<AddIcon />}
              onClick={() => setEditing(null)}
            >
              New rule
            </Button>
          )}
        </Box>
        {toggle.error !== undefined && (
          <Box mb={2}>
            <ServerErrorAlert
              error={toggle.error}
              prefix="Could not change the rule"
              onClose={toggle.dismiss}
            />
          </Box>
        )}
        {body}
        {allowed && (
          <Box mt={3}>
            <EvaluateRulesCard />
          </Box>
        )}
      </Content>

      {editing !== undefined && (
        <RuleDialog
          rule={editing ?? undefined}
          onCancel={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            rules.retry();
          }}
        />
      )}
      <ConfirmDeleteDialog
        kind="rule"
        name={deleting?.name}
        consequences="Deployments it blocked stay blocked until their next event; requests keep the approval slots it added."
        onDelete={async () => {
          await api.deleteRule(deleting!.id);
          setDeleting(undefined);
          rules.retry();
        }}
        onClose={() => setDeleting(undefined)}
      />
    </Page>
  );
}
