import { defineConfig } from '@playwright/test';
import path from 'path';
import e2e from '../../playwright.config';

const config = (file: string) => path.resolve(__dirname, '../..', file);

/**
 * The pipeline editor benchmark (`BENCH_PARTS=editor npm run bench`): the real portal as the
 * browser tests run it, with the 40 environments of app-config.editor.yaml, in Debian's
 * Chromium. It prints figures; it is not part of the test suites.
 */
export default defineConfig({
  ...e2e,
  testDir: __dirname,
  testMatch: 'pipelineEditor.bench.ts',
  reporter: [['list']],
  outputDir: config('test-results/bench-editor'),
  webServer: {
    ...(e2e.webServer as object),
    command: `bash scripts/start.sh --config ${config('app-config.yaml')} --config ${config(
      'bench/editor/app-config.editor.yaml',
    )}`,
    cwd: config('.'),
  } as any,
});
