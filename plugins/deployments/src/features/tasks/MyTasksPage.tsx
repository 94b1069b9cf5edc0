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
          subtitle="Deployment requests waiting for your approval, and steps you can complete"
        />
        <Content>
          <MyTasksList />
        </Content>
      </Page>
    </ReadableTextTheme>
  );
}
