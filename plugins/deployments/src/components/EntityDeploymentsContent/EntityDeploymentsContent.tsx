import { InfoCard } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useDeploymentsRefresh } from '../../hooks/useDeploymentsRefresh';
import { DeploymentHistoryTable } from '../DeploymentHistoryTable';
import { EnvironmentMatrix } from '../EnvironmentMatrix';

/**
 * The Deployments tab of a product's entity page: where each version is (the environment
 * matrix of this product) and every deployment recorded for it. Both reload on the refresh
 * button and when the backend signals a change to this product.
 */
export function EntityDeploymentsContent() {
  const { entity } = useEntity();
  const product = stringifyEntityRef(entity);
  const { refreshKey, refresh } = useDeploymentsRefresh(product);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Environments"
          action={
            <Tooltip title="Refresh">
              <IconButton aria-label="Refresh" onClick={refresh}>
                <RefreshIcon />
              </IconButton>
            </Tooltip>
          }
        >
          <EnvironmentMatrix filter={{ product }} refreshKey={refreshKey} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Deployment history">
          <DeploymentHistoryTable product={product} refreshKey={refreshKey} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
