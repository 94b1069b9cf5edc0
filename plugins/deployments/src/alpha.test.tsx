import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import deploymentsPlugin, {
  deploymentRequestsPage,
  deploymentsPage,
  entityDeploymentRequestsContent,
  entityDeploymentsContent,
  entityMyTasksContent,
  entityPipelineContent,
  environmentsPage,
  myTasksPage,
} from './alpha';

const entity = (kind: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'payment-api' },
});

describe('deployments plugin (new frontend system)', () => {
  it('lists the API, the entity tabs and the pages as its extensions', () => {
    expect(deploymentsPlugin.pluginId).toBe('deployments');
    for (const id of [
      'api:deployments',
      'entity-content:deployments/deployments',
      'entity-content:deployments/deployment-requests',
      'entity-content:deployments/my-tasks',
      'entity-content:deployments/pipeline',
      'page:deployments',
      'page:deployments/deployment-requests',
      'page:deployments/my-tasks',
      'page:deployments/environments',
    ]) {
      expect(deploymentsPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it.each([
    [entityDeploymentsContent, 'deployments', 'Deployments'],
    [
      entityDeploymentRequestsContent,
      'deployment-requests',
      'Deployment Requests',
    ],
    [entityMyTasksContent, 'my-tasks', 'My Tasks'],
    [entityPipelineContent, 'pipeline', 'Pipeline'],
  ] as const)(
    'mounts an entity tab at %#: %s, titled, for components and systems only',
    (extension, path, title) => {
      const tester = createExtensionTester(
        extension as typeof entityDeploymentsContent,
      );
      expect(tester.get(coreExtensionData.routePath)).toBe(path);
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
      const appliesTo = tester.get(
        EntityContentBlueprint.dataRefs.filterFunction,
      )!;
      expect(appliesTo(entity('Component'))).toBe(true);
      expect(appliesTo(entity('System'))).toBe(true);
      expect(appliesTo(entity('API'))).toBe(false);
    },
  );

  it.each([
    [deploymentsPage, '/deployments', 'Deployments'],
    [deploymentRequestsPage, '/deployment-requests', 'Deployment Requests'],
    [myTasksPage, '/my-tasks', 'My Tasks'],
    [environmentsPage, '/environments', 'Environments'],
  ] as const)(
    'mounts a page at %#: %s with a route ref, title and icon for the navigation',
    (extension, path, title) => {
      const tester = createExtensionTester(extension as typeof deploymentsPage);
      expect(tester.get(coreExtensionData.routePath)).toBe(path);
      expect(tester.get(coreExtensionData.title)).toBe(title);
      expect(tester.get(coreExtensionData.icon)).toBeDefined();
      expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
    },
  );
});
