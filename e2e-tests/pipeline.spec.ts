import { expect, test } from '@playwright/test';
import { openPortalAs, waitForPortal } from './portal';

// The Pipeline tab of a product: an admin draws its pipeline from the starting point and
// saves it; a developer sees it read-only.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ request }) => {
  await waitForPortal(request, 'search-service');
});

const TAB = '/catalog/default/component/search-service/pipeline';

test('an admin starts the pipeline from the environment order, edits an edge and saves', async ({
  browser,
}) => {
  const page = await openPortalAs(browser, 'Ada Admin');
  await page.goto(TAB);
  await expect(page.getByText('No pipeline yet')).toBeVisible();
  await page.getByRole('button', { name: 'Start from environment order' }).click();
  await expect(page.getByTestId('stage-production')).toBeVisible();

  // A cycle is refused in the editor.
  await page.getByRole('button', { name: 'Add transition' }).click();
  await page.locator('#transition-from').click();
  await page.getByRole('option', { name: 'production' }).click();
  await page.locator('#transition-to').click();
  await page.getByRole('option', { name: 'dev', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Add transition' }).click();
  await expect(page.getByRole('alert')).toContainText('the pipeline has a cycle');

  await page.getByRole('button', { name: 'Edit transition staging → production' }).click();
  await page.getByLabel('Required approvals').fill('2');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('button', { name: 'Save pipeline' }).click();

  await expect(page.getByText('Promotion pipeline')).toBeVisible();
  await expect(page.getByTestId('pipeline-graph').getByText('2 approvals')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('pipeline-graph').getByText('2 approvals')).toBeVisible();
  await expect(page.getByTestId('stage-dev')).toBeVisible();
  await page.context().close();
});

test('a developer sees the pipeline read-only', async ({ browser }) => {
  const page = await openPortalAs(browser, 'Devon Developer');
  await page.goto(TAB);
  await expect(page.getByTestId('stage-staging')).toBeVisible();
  await expect(page.getByText(/Read-only/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit pipeline' })).toHaveCount(0);
  await page.context().close();
});
