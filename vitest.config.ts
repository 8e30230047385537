import { defineConfig } from 'vitest/config';

/** Unit and component tests, next to the code (the e2e specs are Playwright's). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'emulator/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
