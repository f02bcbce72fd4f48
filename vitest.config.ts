/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

/** Unit, component (Astro container API) and build tests. Dates print in a fixed time zone. */
export default getViteConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/components/**/*.test.ts',
      'tests/build/**/*.test.ts',
      'tests/integration/**/*.test.ts',
    ],
    globalSetup: ['tests/setup/content-store.ts'],
    env: { TZ: 'America/Los_Angeles' },
    testTimeout: 20_000,
  },
});
