import { randomBytes } from 'node:crypto'
import { defineConfig, devices } from '@playwright/test'
import { findChromium, NO_CHROMIUM_MESSAGE } from './tests/chromium'
import { TEST_BUILD_DIR } from './tests/support/test-build'

const executablePath = findChromium()
if (!executablePath) {
  console.error(NO_CHROMIUM_MESSAGE)
  process.exit(1)
}

const port = Number(process.env.E2E_PORT ?? 3300)
// A fresh embedded database for every run, removed by the app's own shutdown of it… and by the runner.
const dataDir = process.env.E2E_DATA_DIR ?? `.data/e2e-${randomBytes(4).toString('hex')}`
process.env.E2E_DATA_DIR = dataDir
// Card contributions go to a local Stripe-compatible server (tests/support/stripe-server.ts) that posts signed
// webhooks back to the Hub, as Stripe would.
const stripePort = Number(process.env.E2E_STRIPE_PORT ?? port + 1)
const webhookSecret = 'whsec_e2e'

export default defineConfig({
  testDir: './tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A journey is judged on what it sees, not on how fast. Every step has its own bound (10 s for an expectation);
  // the whole journey gets five minutes, because the longest (a card gift through to a disbursement, a request
  // through screening) took up to 2.1 min on a two-core machine at load 12 while passing every step.
  // Speed is measured by the benchmarks (`npm run bench`), never here.
  timeout: 300_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    {
      name: 'desktop',
      use: { ...devices['Desktop Chrome'], channel: undefined },
      testIgnore: /responsive\.spec\.ts/,
    },
    {
      name: 'phone',
      use: {
        viewport: { width: 360, height: 740 },
        isMobile: true,
        hasTouch: true,
      },
      testMatch: /responsive\.spec\.ts/,
    },
  ],
  webServer: [
    {
      command: `npx tsx tests/support/stripe-server.ts --port ${stripePort} --webhook-url http://127.0.0.1:${port}/webhooks/stripe --webhook-secret ${webhookSecret}`,
      url: `http://127.0.0.1:${stripePort}/__control/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: 'npx tsx app/server/start.ts',
      url: `http://localhost:${port}/healthz`,
      timeout: 180_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        PORT: String(port),
        HUB_DATA_DIR: dataDir,
        // The Vitest suite's build, reused when current: `npm test` builds the app once, not once per suite.
        HUB_BUILD_DIR: TEST_BUILD_DIR,
        DATABASE_URL: '',
        DEMO_DATA: 'on',
        DEV_TOOLS: 'on',
        // Every journey logs in from 127.0.0.1; the per-IP limit is tested apart, with its own low setting.
        RATE_LIMIT_IP_PER_WINDOW: '1000',
        LOG_LEVEL: 'warn',
        // A missing translation renders as ⟦key⟧, which the crawl in every language looks for.
        HUB_I18N_STRICT: '1',
        STRIPE_SECRET_KEY: 'sk_test_e2e',
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        STRIPE_API_URL: `http://127.0.0.1:${stripePort}`,
      },
    },
  ],
})
