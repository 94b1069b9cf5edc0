import { useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Promotion } from '@shipgate/plugin-deployments-common';
import { deploymentsApiRef } from '../../api';
import { PromotionDetails } from './PromotionDetails';

/** /promotions/:id, where notifications link: the promotion with its preview and decisions. */
export function PromotionPage() {
  const params = useParams();
  // Mounted at /promotions: the id is the rest of the path (or a route's :id).
  const id = Number((params['*'] || params.id || '').split('/')[0]);
  // An address without a promotion's number (a hand-typed or cut link) asks nothing.
  const named = Number.isInteger(id) && id > 0;
  const api = useApi(deploymentsApiRef);
  const [changed, setChanged] = useState<Promotion>();
  const loaded = useAsync(
    async () => (named ? api.getPromotion(id) : undefined),
    [api, id, named],
  );
  const promotion = changed ?? loaded.value;
  return (
    <Page themeId="tool">
      <Header
        title={named ? `Promotion #${id}` : 'Promotion'}
        subtitle={promotion?.product}
      />
      <Content>
        {!named && (
          <EmptyState
            missing="info"
            title="No promotion at this address"
            description="A promotion's page is /promotions/ and its number, as the inbox and My Tasks link to it. A product's promotions are listed on its Pipeline tab."
          />
        )}
        {loaded.loading && <Progress />}
        {loaded.error && <ResponseErrorPanel error={loaded.error} />}
        {promotion && (
          <PromotionDetails promotion={promotion} onChanged={setChanged} />
        )}
      </Content>
    </Page>
  );
}
