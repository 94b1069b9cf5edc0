import { APIRequestContext, expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { BACKEND, CI_TOKEN, openPortalAs, userToken, waitForPortal } from './portal';

const asCi = { Authorization: `Bearer ${CI_TOKEN}` };

/** `2026-12-01T09:30`: what a datetime-local input takes, in the local time zone. */
function localInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function post(request: APIRequestContext, version: string) {
  return request.post(`${BACKEND}/api/deployments/deployments`, {
    headers: asCi,
    data: {
      product_name: 'payment-api',
      version,
      environment_name: 'production',
      status: 'success',
      deployed_by: 'github-actions',
    },
  });
}

// Two people, four pages and two accessibility checks: more than the default test time.
test.setTimeout(420_000);

test.beforeAll(async ({ request }) => {
  await waitForPortal(request);
});

// Whatever happens, production is open again for the other specs.
test.afterEach(async ({ request }) => {
  // An admin lifts what is left (CI's token may record deployments, not lift freezes).
  const asAdmin = { Authorization: `Bearer ${await userToken(request, 'ada')}` };
  const environments = await (
    await request.get(`${BACKEND}/api/deployments/environments`, {
      headers: asAdmin,
    })
  ).json();
  for (const environment of environments) {
    for (const freeze of environment.freezes) {
      const lifted = await request.delete(`${BACKEND}/api/deployments/freezes/${freeze.id}`, {
        headers: asAdmin,
      });
      expect(lifted.ok(), await lifted.text()).toBeTruthy();
    }
    if (environment.breakGlass) {
      const closed = await request.delete(
        `${BACKEND}/api/deployments/environments/${environment.name}/break-glass/${environment.breakGlass.id}`,
        { headers: asAdmin },
      );
      expect(closed.ok(), await closed.text()).toBeTruthy();
    }
  }
});

test('an admin freezes production, CI is refused, a release manager breaks glass, and the deployment goes through flagged and reported', async ({
  browser,
  request,
}) => {
  const version = `7.${Date.now() % 100000}.0`;

  // An admin freezes production from the Environments page.
  const admin = await openPortalAs(browser, 'Ada Admin');
  await admin.getByRole('link', { name: 'Environments' }).first().click();
  await expect(admin).toHaveURL(/\/environments$/);
  await admin.getByRole('button', { name: 'Freeze production' }).click();
  const freezeDialog = admin.getByRole('dialog');
  await freezeDialog.getByLabel('Reason').fill('Year-end freeze');
  await freezeDialog
    .getByLabel('Start')
    .fill(localInput(new Date(Date.now() - 60_000)));
  await freezeDialog
    .getByLabel('End')
    .fill(localInput(new Date(Date.now() + 2 * 3600_000)));
  await freezeDialog.getByRole('button', { name: 'Add freeze' }).click();
  await expect(freezeDialog).toBeHidden();
  const productionRow = admin
    .getByRole('row')
    .filter({ hasText: 'Year-end freeze' });
  await expect(productionRow.getByText(/^Frozen until/)).toBeVisible();
  await expectAccessible(admin, 'Environments page');

  // CI posts a production deployment: 423, nothing recorded.
  const refused = await post(request, version);
  expect(refused.status()).toBe(423);
  expect((await refused.json()).error.message).toMatch(
    /^environment is frozen: production is frozen by freeze \d+ \("Year-end freeze"\) until /,
  );

  // A release manager breaks glass with a reason.
  const releaseManager = await openPortalAs(browser, 'Remy Release-Manager');
  await releaseManager.goto('/environments');
  await releaseManager
    .getByRole('button', { name: 'Break glass production' })
    .click();
  const glassDialog = releaseManager.getByRole('dialog');
  await glassDialog.getByLabel('Reason').fill('Hotfix for incident 7');
  await glassDialog.getByLabel('Minutes').fill('30');
  await glassDialog.getByRole('button', { name: 'Break glass' }).click();
  await expect(glassDialog).toBeHidden();
  await expect(releaseManager.getByText(/^Break glass open until .*remy/)).toBeVisible();

  // The same deployment is accepted now, under the session.
  const accepted = await post(request, version);
  expect(accepted.status()).toBe(201);
  const deployment = await accepted.json();
  expect(deployment.break_glass_id).toEqual(expect.any(Number));

  // It is flagged on the product's Deployments tab, under the frozen-environment banner.
  await releaseManager.goto(
    '/catalog/default/component/payment-api/deployments',
  );
  await expect(
    releaseManager.getByRole('status', { name: 'Frozen environments' }),
  ).toContainText('Year-end freeze');
  const row = releaseManager.getByRole('row').filter({ hasText: version });
  await expect(row.getByText('Break glass')).toBeVisible();

  // The report lists the session with the deployment that went through.
  await releaseManager.goto('/environments/break-glass');
  const session = releaseManager
    .getByRole('row')
    .filter({ hasText: 'Hotfix for incident 7' });
  await expect(session).toContainText('user:default/remy');
  await expect(session).toContainText(
    `#${deployment.id} payment-api ${version}`,
  );
  await expectAccessible(releaseManager, 'Break-glass report');
});
