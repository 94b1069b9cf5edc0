import { useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
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
  const api = useApi(deploymentsApiRef);
  const [changed, setChanged] = useState<Promotion>();
  const loaded = useAsync(() => api.getPromotion(id), [api, id]);
  const promotion = changed ?? loaded.value;
  return (
    <Page themeId="tool">
      <Header title={`Promotion #${id}`} subtitle={promotion?.product} />
      <Content>
        {loaded.loading && <Progress />}
        {loaded.error && <ResponseErrorPanel error={loaded.error} />}
        {promotion && (
          <PromotionDetails promotion={promotion} onChanged={setChanged} />
        )}
      </Content>
    </Page>
  );
}
