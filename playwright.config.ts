import { defineConfig } from '@playwright/test';
import path from 'path';

const config = (file: string) => path.resolve(__dirname, file);

// E2E_APP_PORT / E2E_BACKEND_PORT run the portal on other ports (3000 and 7007 by default), so
// that two checkouts can run their browser tests at once; Backstage reads APP_CONFIG_* as config.
const appPort = process.env.E2E_APP_PORT ?? '3000';
const backendPort = process.env.E2E_BACKEND_PORT ?? '7007';
const appUrl = `http://localhost:${appPort}`;
const backendUrl = `http://localhost:${backendPort}`;

/**
 * Browser tests: the real portal (as `npm start` runs it, on its own SQLite folder) driven by
 * Debian's Chromium. Playwright never downloads a browser here.
 */
export default defineConfig({
  testDir: 'e2e-tests',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/e2e-artifacts',
  use: {
    baseURL: appUrl,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    // Config paths are absolute: each package starts in its own directory.
    command: `bash scripts/start.sh --config ${config('app-config.yaml')} --config ${config(
      'e2e-tests/app-config.e2e.yaml',
    )}`,
    url: appUrl,
    env: {
      APP_CONFIG_app_baseUrl: appUrl,
      APP_CONFIG_backend_baseUrl: backendUrl,
      APP_CONFIG_backend_listen_port: backendPort,
      APP_CONFIG_backend_cors_origin: appUrl,
    },
    timeout: 600_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
