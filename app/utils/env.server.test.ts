import { afterEach, describe, expect, test } from 'vitest'
import { devToolsEnabled, devToolsFor, env, resetEnvCache, runsJobs, servesPages } from './env.server'

const SETTINGS = ['DEV_TOOLS', 'APP_URL', 'NODE_ENV', 'HUB_EMBEDDED_DATABASE', 'HUB_NODE_ENV_DEFAULTED', 'HUB_ROLE'] as const
type Settings = Partial<Record<(typeof SETTINGS)[number], string>>
const vars = process.env as Record<string, string | undefined>
const saved = Object.fromEntries(SETTINGS.map((name) => [name, vars[name]]))

/** Configures the Hub as a process environment would (each test states every setting that matters). */
function configure(settings: Settings) {
  for (const name of SETTINGS) {
    const value = settings[name]
    if (value === undefined) delete vars[name]
    else vars[name] = value
  }
  resetEnvCache()
}

afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete vars[name]
    else vars[name] = value
  }
  resetEnvCache()
})

// How the Hub is run: the local demo (`npm start` picks NODE_ENV itself), a developer's or a test process, or a
// deployment that says so with NODE_ENV=production or APP_URL.
const runs = {
  'npm start (NODE_ENV chosen by the start script)': { NODE_ENV: 'production', HUB_NODE_ENV_DEFAULTED: '1' },
  'NODE_ENV=development': { NODE_ENV: 'development' },
  'NODE_ENV=test': { NODE_ENV: 'test' },
  'NODE_ENV=production (given by the operator)': { NODE_ENV: 'production' },
  'no NODE_ENV at all (not through the start script)': {},
} satisfies Record<string, Settings>
type Run = keyof typeof runs
const declaredProduction = (run: Run) => run === 'NODE_ENV=production (given by the operator)' || run === 'no NODE_ENV at all (not through the start script)'

const combinations = (Object.keys(runs) as Run[]).flatMap((run) =>
  ['on', 'off', 'auto', undefined].flatMap((devTools) =>
    ['1', '0'].flatMap((embedded) =>
      [undefined, 'https://hub.example.org'].map((appUrl) => {
        const deployed = appUrl !== undefined || declaredProduction(run)
        const wanted = devTools === 'on' || ((devTools ?? 'auto') === 'auto' && embedded === '1')
        return { run, devTools, embedded, appUrl, expected: !deployed && wanted }
      }),
    ),
  ),
)

describe('development tools (/dev/outbox shows password-reset links)', () => {
  test.each(combinations)('$run, DEV_TOOLS=$devTools, embedded database=$embedded, APP_URL=$appUrl → $expected', ({ run, devTools, embedded, appUrl, expected }) => {
    configure({ ...runs[run], DEV_TOOLS: devTools, HUB_EMBEDDED_DATABASE: embedded, APP_URL: appUrl })
    expect(devToolsEnabled()).toBe(expected)
  })

  test('with APP_URL set they are off whatever DEV_TOOLS says, even for a browser on this machine', () => {
    configure({ ...runs['npm start (NODE_ENV chosen by the start script)'], DEV_TOOLS: 'on', HUB_EMBEDDED_DATABASE: '1', APP_URL: 'https://hub.example.org' })
    expect(devToolsFor(new Request('http://localhost/dev/outbox', { headers: { 'X-Hub-Client-Ip': '127.0.0.1' } }))).toBe(false)
  })

  test('on a local demo they answer only a browser on this machine', () => {
    configure({ ...runs['npm start (NODE_ENV chosen by the start script)'], HUB_EMBEDDED_DATABASE: '1' })
    const from = (ip: string) => devToolsFor(new Request('http://localhost/dev/outbox', { headers: { 'X-Hub-Client-Ip': ip } }))
    expect([from('127.0.0.1'), from('::1'), from('::ffff:127.0.0.1')]).toEqual([true, true, true])
    expect([from('192.0.2.7'), from('unknown'), from('')]).toEqual([false, false, false])
  })
})

describe('HUB_ROLE (what a process runs)', () => {
  test.each([
    [undefined, { role: 'all', pages: true, jobs: true }],
    ['all', { role: 'all', pages: true, jobs: true }],
    ['web', { role: 'web', pages: true, jobs: false }],
    ['worker', { role: 'worker', pages: false, jobs: true }],
  ])('HUB_ROLE=%s', (role, expected) => {
    configure({ HUB_ROLE: role })
    expect({ role: env().HUB_ROLE, pages: servesPages(), jobs: runsJobs() }).toEqual(expected)
  })

  test('any other value stops the Hub with a message naming the variable', () => {
    configure({ HUB_ROLE: 'scheduler' })
    expect(() => env()).toThrow(/HUB_ROLE/)
  })
})
