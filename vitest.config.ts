import { defineConfig } from 'vitest/config';
import { publicSuffixPlugin } from './scripts/public-suffix-plugin';

/**
 * Two projects: `unit` (jsdom, fast, no browser) and `e2e` (the built extension in real Chromium and
 * Firefox; one browser launch per file, files run one at a time on CI's 2 cores).
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [publicSuffixPlugin()],
        // Unit tests see the demo and test build's rules, demo site included (vite.config.ts).
        define: { __MOMO_DEMO__: 'true' },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/rules/**/*.test.ts'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 90_000,
          fileParallelism: false,
          // One process for all the files, one after another: the harness and the drivers
          // (playwright-core, puppeteer-core) are imported once, not once per file (~1 s each).
          isolate: false,
        },
      },
    ],
  },
});
