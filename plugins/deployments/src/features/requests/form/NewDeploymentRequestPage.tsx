import { useNavigate, useSearchParams } from 'react-router-dom';
import { Content, Header, Page, Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Alert from '@material-ui/lab/Alert';
import { deploymentRequestCreatePermission } from '@shipgate/plugin-deployments-common';
import {
  deploymentRequestPath,
  DEPLOYMENT_REQUESTS_PATH,
} from '../../../routes';
import { DeploymentRequestForm } from './DeploymentRequestForm';

/**
 * The global "New deployment request" page. `?product=component:default/payment-api`
 * pre-fills the first item; a saved request opens on its own page. Someone the permission
 * policy does not let create requests (viewers, billing) is told so instead of a form the
 * server would refuse.
 */
export function NewDeploymentRequestPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const product = searchParams.get('product') ?? undefined;
  const { loading, allowed } = usePermission({
    permission: deploymentRequestCreatePermission,
  });

  let body;
  if (loading) body = <Progress />;
  else if (!allowed)
    body = (
      <Alert severity="info">
        The permission policy does not let you create deployment requests
        (Shipgate&apos;s ready policy lets every org role but viewer and billing
        create them). Ask a platform admin for a role if you need one.
      </Alert>
    );
  else
    body = (
      <DeploymentRequestForm
        initialProducts={product ? [product] : undefined}
        onSaved={request => navigate(deploymentRequestPath(request.id))}
        onCancel={() => navigate(DEPLOYMENT_REQUESTS_PATH)}
      />
    );

  return (
    <Page themeId="tool">
      <Header
        title="New deployment request"
        subtitle="What to deploy where, who approves it, and the steps around it"
      />
      <Content>{body}</Content>
    </Page>
  );
}
