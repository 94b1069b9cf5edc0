import { useNavigate, useSearchParams } from 'react-router-dom';
import { Content, Header, Page } from '@backstage/core-components';
import {
  deploymentRequestPath,
  DEPLOYMENT_REQUESTS_PATH,
} from '../../../routes';
import { DeploymentRequestForm } from './DeploymentRequestForm';

/**
 * The global "New deployment request" page. `?product=component:default/payment-api`
 * pre-fills the first item; a saved request opens on its own page.
 */
export function NewDeploymentRequestPage() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const product = searchParams.get('product') ?? undefined;

  return (
    <Page themeId="tool">
      <Header
        title="New deployment request"
        subtitle="What to deploy where, who approves it, and the steps around it"
      />
      <Content>
        <DeploymentRequestForm
          initialProducts={product ? [product] : undefined}
          onSaved={request => navigate(deploymentRequestPath(request.id))}
          onCancel={() => navigate(DEPLOYMENT_REQUESTS_PATH)}
        />
      </Content>
    </Page>
  );
}
