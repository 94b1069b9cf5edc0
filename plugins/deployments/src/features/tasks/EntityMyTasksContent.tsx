import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { MyTasksList } from './MyTasksList';
import { ReadableTextTheme } from '../../components/ReadableTextTheme';

/**
 * The My Tasks tab of a product's entity page: the signed-in user's tasks for this product
 * (on a System's page, for its components and its pipeline).
 */
export function EntityMyTasksContent() {
  const { entity } = useEntity();
  return (
    <ReadableTextTheme>
      <MyTasksList product={stringifyEntityRef(entity)} />
    </ReadableTextTheme>
  );
}
