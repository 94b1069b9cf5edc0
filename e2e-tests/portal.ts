import { APIRequestContext, Browser, Page, expect } from '@playwright/test';

/** Where playwright.config.ts starts the portal (E2E_APP_PORT, E2E_BACKEND_PORT). */
export const PORTAL = `http://localhost:${process.env.E2E_APP_PORT ?? '3000'}`;
export const BACKEND = `http://localhost:${process.env.E2E_BACKEND_PORT ?? '7007'}`;
/** The CI token of app-config.yaml (backend.auth.externalAccess). */
export const CI_TOKEN = 'shipgate-dev-ci-token';

/** Waits until the backend answers and the catalog has ingested the example products. */
export async function waitForPortal(
  request: APIRequestContext,
  product = 'payment-api',
) {
  await expect
    .poll(
      async () => {
        const res = await request
          .get(`${BACKEND}/api/deployments/matrix?product=${product}`, {
            headers: { Authorization: `Bearer ${CI_TOKEN}` },
          })
          .catch(() => undefined);
        return res?.ok() ? (await res.json()).rows.length : 0;
      },
      { timeout: 180_000, intervals: [2_000] },
    )
    .toBe(1);
}

/** Posts a deployment event as CI would. */
export async function postDeployment(request: APIRequestContext, body: object) {
  const res = await request.post(`${BACKEND}/api/deployments/deployments`, {
    headers: { Authorization: `Bearer ${CI_TOKEN}` },
    data: body,
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return res.json();
}

/** Signs in through the demo sign-in page by picking an example user. */
export async function signInAs(page: Page, displayName: string) {
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
  await expect(
    page.getByRole('link', { name: 'Deployments' }).first(),
  ).toBeVisible();
}

/** A person at their own browser: a fresh context, signed in as the given example user. */
export async function openPortalAs(
  browser: Browser,
  displayName: string,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: PORTAL });
  const page = await context.newPage();
  await signInAs(page, displayName);
  return page;
}

/** A user's token from the demo sign-in (as the browser gets it), for API calls in set-up and clean-up. */
export async function userToken(request: APIRequestContext, user: string): Promise<string> {
  const res = await request.get(`${BACKEND}/api/auth/demo/refresh`, {
    headers: { 'x-shipgate-demo-user': user, 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()).backstageIdentity.token;
}
