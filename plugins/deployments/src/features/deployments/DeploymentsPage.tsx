import { useCallback, useState } from 'react';
import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import { Matrix } from '@shipgate/plugin-deployments-common';
import { useDeploymentsRefresh } from '../../hooks/useDeploymentsRefresh';
import { EnvironmentMatrix } from './matrix/EnvironmentMatrix';
import { OpenDeploymentRequestsCard } from '../requests/OpenDeploymentRequestsCard';
import { RefreshButton } from '../../components/RefreshButton';
import { ProductFilterField } from './ProductFilterField';
import { ReadableTextTheme } from '../../components/ReadableTextTheme';
import { FrozenEnvironmentsBanner } from '../freezes/FrozenEnvironmentsBanner';

/** Products per page of the matrix. */
export const DEPLOYMENTS_PAGE_PER_PAGE = 25;

/** `system:default/payments` → `payments`: the short form the API also accepts. */
function shortRef(ref: string, defaultKind: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}

function addChoices(
  choices: string[],
  refs: Array<string | null>,
  kind: string,
): string[] {
  const next = new Set(choices);
  for (const ref of refs) if (ref) next.add(shortRef(ref, kind));
  return next.size === choices.length ? choices : [...next].sort();
}

/**
 * The global Deployments page: the environment matrix across all products, filtered by system
 * and owner and paged over products.
 */
export function DeploymentsPage() {
  const [system, setSystem] = useState('');
  const [owner, setOwner] = useState('');
  const [systems, setSystems] = useState<string[]>([]);
  const [owners, setOwners] = useState<string[]>([]);
  const { refreshKey, refresh } = useDeploymentsRefresh();

  // Filter choices are the systems and owners of the products seen so far.
  const onLoad = useCallback((matrix: Matrix) => {
    setSystems(current =>
      addChoices(
        current,
        matrix.rows.map(r => r.product.system),
        'system',
      ),
    );
    setOwners(current =>
      addChoices(
        current,
        matrix.rows.map(r => r.product.owner),
        'group',
      ),
    );
  }, []);

  return (
    <ReadableTextTheme>
      <Page themeId="tool">
        <Header
          title="Deployments"
          subtitle="Which version of each product is in each environment, and how it went"
        />
        <Content>
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <FrozenEnvironmentsBanner refreshKey={refreshKey} />
            </Grid>
            {/* The seed's dashboard: open requests first, visible to everyone. */}
            <Grid item xs={12}>
              <OpenDeploymentRequestsCard />
            </Grid>
            <Grid item xs={12}>
              <InfoCard
                title="Environments"
                action={<RefreshButton onClick={refresh} />}
              >
                <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 16 }}>
                  <ProductFilterField
                    label="System"
                    value={system}
                    options={systems}
                    onChange={setSystem}
                  />
                  <ProductFilterField
                    label="Owner"
                    value={owner}
                    options={owners}
                    onChange={setOwner}
                  />
                </Box>
                <EnvironmentMatrix
                  filter={{
                    system: system || undefined,
                    owner: owner || undefined,
                  }}
                  perPage={DEPLOYMENTS_PAGE_PER_PAGE}
                  refreshKey={refreshKey}
                  linkToDeploymentsTab
                  onLoad={onLoad}
                />
              </InfoCard>
            </Grid>
          </Grid>
        </Content>
      </Page>
    </ReadableTextTheme>
  );
}
