import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

// Vitest has its own config: the Remix vite plugin is for the app build, not for tests.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    environment: 'node',
    include: ['app/**/*.test.ts', 'tests/i18n/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/matching/**/*.test.ts', 'tests/support/**/*.test.ts'],
    globalSetup: ['tests/setup/global.ts'],
    setupFiles: ['tests/setup/worker.ts'],
    pool: 'forks',
    fileParallelism: true,
    // Two cores: more workers only fight over the CPU that argon2 and PostgreSQL need.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
})
