import { defineConfig } from '@playwright/test';

/**
 * e2e runs the real app: by default the browser host in Debian's Chromium (software WebGL), with
 * E2E_TARGET=electron the real Electron app where its runtime is installed. Small viewports: software
 * rendering costs grow with pixels.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../test-results',
});
