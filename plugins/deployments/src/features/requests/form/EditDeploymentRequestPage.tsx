import { useNavigate, useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  EmptyState,
  Header,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { DeploymentRequest } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../../api';
import { deploymentRequestPath } from '../../../routes';
import { DeploymentRequestForm } from './DeploymentRequestForm';
import { deploymentRequestStateLabel } from '../DeploymentRequestStateChip';

/** Why this request cannot be edited here, or undefined when it can. */
function refusalOf(request: DeploymentRequest): string | undefined {
  if (request.state !== 'draft') {
    return `This request is ${deploymentRequestStateLabel(
      request.state,
    ).toLocaleLowerCase('en-US')}; only drafts can be edited.`;
  }
  if (!request.abilities.edit) {
    return 'Only the creator of this draft (or an admin) can edit it.';
  }
  return undefined;
}

/** Edit a draft deployment request (`/deployment-requests/:id/edit`). */
export function EditDeploymentRequestPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const api = useApi(deploymentsApiRef);
  const navigate = useNavigate();

  const request = useAsync(async () => {
    if (!Number.isInteger(id) || id < 1) {
      throw new Error(`"${idParam}" is not a deployment request id`);
    }
    return api.getRequest(id);
  }, [api, id]);

  let content;
  if (request.loading) {
    content = <Progress />;
  } else if (request.error) {
    content = <ResponseErrorPanel error={request.error} />;
  } else if (request.value) {
    const refusal = refusalOf(request.value);
    content = refusal ? (
      <EmptyState
        missing="info"
        title="This request cannot be edited"
        description={refusal}
        action={
          <LinkButton
            variant="contained"
            color="primary"
            to={deploymentRequestPath(request.value.id)}
          >
            Back to the request
          </LinkButton>
        }
      />
    ) : (
      <DeploymentRequestForm
        request={request.value}
        onSaved={saved => navigate(deploymentRequestPath(saved.id))}
        onCancel={() => navigate(deploymentRequestPath(id))}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title={
          request.value
            ? `Edit #${request.value.id}: ${request.value.title}`
            : 'Edit deployment request'
        }
        type="Deployment request"
      />
      <Content>{content}</Content>
    </Page>
  );
}
