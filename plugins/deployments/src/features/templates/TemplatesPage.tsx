import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Content,
  EmptyState,
  Header,
  Page,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AddIcon from '@material-ui/icons/Add';
import {
  DeploymentRequestTemplate,
  templateManagePermission,
} from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { approvalTypeLabel } from '../../components/ApprovalTypeLabel';
import { RelativeTime } from '../../components/RelativeTime';
import { EditDeleteActions } from '../../components/EditDeleteActions';
import { ConfirmDeleteDialog } from '../../components/ConfirmDeleteDialog';
import { TemplateForm } from './TemplateForm';

function stepCountText(count: number, phase: string) {
  return `${count} ${phase}`;
}

const readColumns: TableColumn<DeploymentRequestTemplate>[] = [
  {
    title: 'Name',
    field: 'name',
    render: row => <strong>{row.name}</strong>,
  },
  {
    title: 'Description',
    field: 'description',
    render: row =>
      row.description || (
        <Typography variant="body2" color="textSecondary" component="span">
          —
        </Typography>
      ),
  },
  {
    title: 'Environments',
    field: 'environments',
    render: row =>
      row.environments.length ? row.environments.join(', ') : 'All',
  },
  {
    title: 'Approval slots',
    field: 'slots',
    render: row =>
      row.slots.length ? (
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {row.slots.map(slot => (
            <Chip
              key={slot.approvalType}
              size="small"
              label={`${approvalTypeLabel(slot.approvalType)} ×${
                slot.requiredCount
              }`}
            />
          ))}
        </Box>
      ) : (
        '—'
      ),
  },
  {
    title: 'Steps',
    field: 'preSteps',
    cellStyle: { whiteSpace: 'nowrap' },
    render: row =>
      `${stepCountText(row.preSteps.length, 'pre')}, ${stepCountText(
        row.postSteps.length,
        'post',
      )}`,
  },
  {
    title: 'Updated',
    field: 'updatedAt',
    render: row => <RelativeTime value={row.updatedAt} />,
  },
];

/**
 * Deployment request templates: reusable approval slots and steps that pre-fill a new request.
 * Everyone may read them; people allowed to manage templates create, edit and delete them.
 */
export function TemplatesPage() {
  const api = useApi(deploymentsApiRef);
  const { allowed: canManage, loading: permissionLoading } = usePermission({
    permission: templateManagePermission,
  });
  const templates = useAsyncRetry(() => api.listTemplates(), [api]);

  /** `null`: the create dialog; a template: its edit dialog. */
  const [editing, setEditing] = useState<DeploymentRequestTemplate | null>();
  const [deleting, setDeleting] = useState<DeploymentRequestTemplate>();

  const columns: TableColumn<DeploymentRequestTemplate>[] = canManage
    ? [
        ...readColumns,
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
      ]
    : readColumns;

  const newButton = canManage && (
    <Button
      variant="contained"
      color="primary"
      startIcon={<AddIcon />}
      onClick={() => setEditing(null)}
    >
      New template
    </Button>
  );

  let body;
  if (templates.error) {
    body = <ResponseErrorPanel error={templates.error} />;
  } else if (!templates.loading && templates.value?.length === 0) {
    body = (
      <EmptyState
        missing="content"
        title="No templates yet"
        description="A template pre-defines approval slots and pre/post steps, so a new deployment request starts from your usual settings."
        action={newButton || undefined}
      />
    );
  } else {
    body = (
      <Table<DeploymentRequestTemplate>
        title="Templates"
        columns={columns}
        data={templates.value ?? []}
        isLoading={templates.loading}
        options={{
          paging: false,
          search: false,
          padding: 'dense',
          // Column dragging nests a focusable drag handle inside each sortable header button
          // (axe nested-interactive, WCAG 4.1.2); sorting stays.
          draggable: false,
        }}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="Deployment request templates"
        subtitle="Reusable approval slots and steps for new deployment requests"
      />
      <Content>
        {newButton && (
          <Box display="flex" justifyContent="flex-end" mb={2}>
            {newButton}
          </Box>
        )}
        {!canManage && !permissionLoading && (
          <Box mb={2}>
            <Alert severity="info">
              Choose one of these templates when you create a deployment
              request. Creating, editing and deleting templates is for people
              allowed to manage them (admins and release managers).
            </Alert>
          </Box>
        )}
        {body}
      </Content>

      {editing !== undefined && (
        <TemplateForm
          template={editing ?? undefined}
          onCancel={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            templates.retry();
          }}
        />
      )}

      <ConfirmDeleteDialog
        kind="template"
        name={deleting?.name}
        consequences="It will no longer be offered for new deployment requests; requests created from it keep their approval slots and steps."
        onDelete={async () => {
          await api.deleteTemplate(deleting!.id);
          setDeleting(undefined);
          templates.retry();
        }}
        onClose={() => setDeleting(undefined)}
      />
    </Page>
  );
}
