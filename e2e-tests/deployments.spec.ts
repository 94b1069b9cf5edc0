import { expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { postDeployment, signInAs, waitForPortal } from './portal';

test.beforeAll(async ({ request }) => {
  await waitForPortal(request);
});

test('a developer sees a deployment that CI posted on the product Deployments tab', async ({
  page,
  request,
}) => {
  const version = `9.${Date.now() % 100000}.0`;
  await postDeployment(request, {
    product_name: 'payment-api',
    version,
    environment_name: 'staging',
    status: 'started',
    deployed_by: 'github-actions',
    scm_branch: 'main',
    scm_sha: 'a91957a858320c0e17f3a0eca7cfacbff50ea29a',
    build_url: 'https://ci.example.com/builds/4242',
  });
  await postDeployment(request, {
    product_name: 'payment-api',
    version,
    environment_name: 'staging',
    status: 'completed',
  });

  await signInAs(page, 'Devon Developer');
  await page.goto('/catalog/default/component/payment-api/deployments');

  // The matrix shows the new version in staging, deployed.
  const matrix = page.getByRole('table', { name: /environment matrix/i });
  await expect(matrix.getByText(version)).toBeVisible();

  // The history lists it with its build link and commit.
  const row = page
    .getByRole('row')
    .filter({ hasText: version })
    .filter({ hasText: 'a91957a8' });
  await expect(row).toContainText('staging');
  await expect(row).toContainText('a91957a8');
  await expect(row.getByRole('link', { name: /build/i })).toHaveAttribute(
    'href',
    'https://ci.example.com/builds/4242',
  );
  await expectAccessible(page, 'Deployments tab');
});

test('the global Deployments page shows the matrix across products', async ({
  page,
}) => {
  await signInAs(page, 'Vic Viewer');
  // One sidebar item per global page: the promotion page (reached from links) has none.
  const sidebar = page.getByRole('navigation');
  await expect(
    sidebar.getByRole('link', { name: 'Deployments', exact: true }),
  ).toHaveCount(1);
  await expect(sidebar.locator('a[href="/promotions"]')).toHaveCount(0);
  await sidebar.getByRole('link', { name: 'Deployments', exact: true }).click();
  await expect(page).toHaveURL(/\/deployments/);
  await expect(
    page
      .getByText('storefront-web')
      .or(page.getByText('Storefront Web'))
      .first(),
  ).toBeVisible();
  await expect(
    page
      .getByText('ledger-service')
      .or(page.getByText('Ledger Service'))
      .first(),
  ).toBeVisible();
  await expectAccessible(page, 'Deployments page');
});
