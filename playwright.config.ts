import { defineConfig, devices } from '@playwright/test';

import { E2E_DATA_DIR, E2E_PORT } from './e2e/env';

/** The e2e run serves the production build with `vite preview`, the emulator mounted, on its own port and data folder. */

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `https://localhost:${E2E_PORT}`,
    ignoreHTTPSErrors: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite build && npx vite preview`,
    url: `https://localhost:${E2E_PORT}/emulator/health`,
    ignoreHTTPSErrors: true,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { PORT: String(E2E_PORT), EMULATOR_DATA_DIR: E2E_DATA_DIR, EMULATOR_RESET: '1', EMULATOR_FAULTS: '1', EMULATOR_PROVISIONING_DELAY_MS: '1500', EMULATOR_CMK_CHECK_INTERVAL_MS: '1000' },
  },
});
