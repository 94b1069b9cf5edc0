import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { useDeploymentsRefresh } from '../../hooks/useDeploymentsRefresh';
import { entityProductsOf } from '../systems/entityProducts';
import { DeploymentHistoryTable } from './history/DeploymentHistoryTable';
import { EnvironmentMatrix } from './matrix/EnvironmentMatrix';
import { RefreshButton } from '../../components/RefreshButton';
import { ReadableTextTheme } from '../../components/ReadableTextTheme';
import { FrozenEnvironmentsBanner } from '../freezes/FrozenEnvironmentsBanner';

/**
 * The Deployments tab of a product's entity page: where each version is (the environment
 * matrix of this product) and every deployment recorded for it; on a System's page, of each
 * of its components. Both reload on the refresh button and when the backend signals a change
 * to one of them.
 */
export function EntityDeploymentsContent() {
  const { entity } = useEntity();
  const { ref: product, isSystem, components } = entityProductsOf(entity);
  const { refreshKey, refresh } = useDeploymentsRefresh(components);

  return (
    <ReadableTextTheme>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <FrozenEnvironmentsBanner refreshKey={refreshKey} />
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title="Environments"
            action={<RefreshButton onClick={refresh} />}
          >
            <EnvironmentMatrix
              filter={isSystem ? { system: product } : { product }}
              refreshKey={refreshKey}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard title="Deployment history">
            <DeploymentHistoryTable product={product} refreshKey={refreshKey} />
          </InfoCard>
        </Grid>
      </Grid>
    </ReadableTextTheme>
  );
}
