import { defineConfig } from '@playwright/test';

/**
 * The install test (install.spec.ts): packs the plugins, installs them into a scratch Backstage
 * portal outside the workspace and drives its two apps in Debian's Chromium. Separate from the
 * portal's browser tests (../playwright.config.ts) because it starts its own portal on other
 * ports (backend 7407, apps 3400 and 3500) and takes minutes to install and build.
 */
export default defineConfig({
  testDir: '.',
  testMatch: ['install.spec.ts', 'bundle.spec.ts'],
  timeout: 10 * 60_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [
    ['list'],
    ['json', { outputFile: '../test-results/install.json' }],
  ],
  outputDir: '../test-results/install-artifacts',
  use: {
    actionTimeout: 30_000,
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
});
