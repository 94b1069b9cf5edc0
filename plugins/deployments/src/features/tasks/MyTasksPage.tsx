import { Content, Header, Page } from '@backstage/core-components';
import { MyTasksList } from './MyTasksList';
import { ReadableTextTheme } from '../../components/ReadableTextTheme';

/** The global My Tasks page: what the signed-in user can act on, across all products. */
export function MyTasksPage() {
  return (
    <ReadableTextTheme>
      <Page themeId="tool">
        <Header
          title="My Tasks"
          subtitle="Approvals, steps, blocked deployments and promotions waiting for you"
        />
        <Content>
          <MyTasksList />
        </Content>
      </Page>
    </ReadableTextTheme>
  );
}
