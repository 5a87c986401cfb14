import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { freePort } from '#db/embedded'
import { buildIfNeeded } from '~/server/build'
import { prepareDatabase } from '~/server/database'
import { resetEnvCache } from '~/utils/env.server'
import { loadAverage, log, print } from './output'
import { runBounded, startHub, type Server } from './processes'

/**
 * `npm run bench -- lighthouse`: Lighthouse 12 (its mobile preset and simulated throttling) over the public pages,
 * in English and in Arabic, against the Hub as `npm start` serves it: a production build of its own, an embedded
 * PostgreSQL of its own holding the demo data. Targets: performance 95 or more, accessibility, best practices
 * and SEO 100, on every page in both languages. Its last line:
 * `lighthouse worst=<lowest score> page=<path> lang=<code> others_min=<lowest score other than performance>`.
 *
 * The Arabic pages are read as a visitor following a shared link reads them, with `?lng=ar` (the cookie and
 * Accept-Language give the same page at a URL that depends on the browser). The scores move a little from run to
 * run on a busy machine; the load average is printed with each page.
 *
 * While working on one page: `npm run bench -- lighthouse --page /dashboards --lang en` (`--page` may be given
 * more than once; `--page request` stands for the first request's page, likewise offer and project).
 */

const DATA_DIR = path.resolve(process.env.BENCH_LIGHTHOUSE_DATA_DIR ?? '.data/bench-lighthouse-postgres')
const BUILD_DIR = path.resolve(process.env.BENCH_BUILD_DIR ?? '.data/bench-build')
/** Each page's full report, to read what lost points. */
const REPORTS_DIR = path.resolve('.data/bench-lighthouse-reports')
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'
const LANGUAGES = ['en', 'ar'] as const
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
const TIME_LIMIT_MS = 40 * 60_000

const lighthouseVersion = () => (createRequire(import.meta.url)('lighthouse/package.json') as { version: string }).version

type Category = (typeof CATEGORIES)[number]

interface PageResult {
  path: string
  lang: string
  scores: Record<Category, number>
  tbtMs: number
  lcpMs: number
  /** Lighthouse's measure of how fast the machine ran at that moment (about 1,000 to 2,000 on a mid-range desktop). */
  benchmarkIndex: number
  loadAverage: number
  /** Audits that lost points, by category: what to fix. */
  failing: string[]
}

/** The first detail page a list links to (`/requests/<id>`), as a visitor would click it. */
async function firstDetail(hub: Server, list: string) {
  const html = await (await fetch(`${hub.origin}${list}`, { signal: AbortSignal.timeout(30_000) })).text()
  const pattern = new RegExp(`href="(${list}/[^"/?#]+)"`, 'g')
  for (const [, href] of html.matchAll(pattern)) if (href && !href.endsWith('/new')) return href
  throw new Error(`${list} links to no detail page: is the demo data loaded?`)
}

const DETAIL_LISTS: Record<string, string> = { request: '/requests', offer: '/offers', project: '/projects' }

async function pagesToAudit(hub: Server, only: string[] | undefined) {
  if (only?.length) return Promise.all(only.map((page) => (DETAIL_LISTS[page] ? firstDetail(hub, DETAIL_LISTS[page]) : page)))
  return [
    '/',
    '/requests',
    await firstDetail(hub, '/requests'),
    '/offers',
    await firstDetail(hub, '/offers'),
    '/projects',
    await firstDetail(hub, '/projects'),
    '/fund',
    '/dashboards',
    '/practices',
    '/objectives',
  ]
}

const urlFor = (origin: string, page: string, lang: string) => `${origin}${page}${lang === 'en' ? '' : `${page.includes('?') ? '&' : '?'}lng=${lang}`}`

async function audit(port: number, url: string): Promise<Omit<PageResult, 'path' | 'lang' | 'loadAverage'>> {
  const result = await lighthouse(url, { port, output: 'html', logLevel: 'error', onlyCategories: [...CATEGORIES] })
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`)
  const { lhr } = result
  const name = `${new URL(url).pathname.slice(1).replace(/\//g, '_') || 'home'}-${new URL(url).searchParams.get('lng') ?? 'en'}.html`
  writeFileSync(path.join(REPORTS_DIR, name), result.report as string)
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`)
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)])) as Record<Category, number>
  const failing: string[] = []
  for (const category of CATEGORIES) {
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const item = lhr.audits[ref.id]
      if (!item || ref.weight === 0 || item.score === null || item.score >= 0.9) continue
      if (category !== 'performance' && item.score >= 1) continue
      failing.push(`${category}/${ref.id} (${Math.round(item.score * 100)}${item.displayValue ? `, ${item.displayValue}` : ''})`)
    }
  }
  return {
    scores,
    tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
    lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? NaN,
    benchmarkIndex: lhr.environment.benchmarkIndex,
    failing,
  }
}

/**
 * Lighthouse now and then fails to record a trace on a busy machine (NO_NAVSTART, NO_FCP): such a run measured
 * nothing, and is run again, up to three times.
 */
async function auditWithRetries(port: number, url: string, page: string, lang: string): Promise<PageResult> {
  for (let attempt = 1; ; attempt++) {
    const loadAtStart = os.loadavg()[0]!
    try {
      return { path: page, lang, loadAverage: loadAtStart, ...(await audit(port, url)) }
    } catch (error) {
      if (attempt >= 3) throw error
      log(`  attempt ${attempt} failed (${error instanceof Error ? error.message : String(error)}); again`)
    }
  }
}

const COLUMNS: [title: string, width: number][] = [
  ['page', 34],
  ['lang', 6],
  ['perf', 6],
  ['a11y', 6],
  ['b-p', 6],
  ['seo', 6],
  ['TBT ms', 8],
  ['LCP ms', 8],
  ['bench idx', 11],
  ['load avg', 10],
]
const line = (cells: string[]) => cells.map((text, i) => (i < 2 ? text.padEnd(COLUMNS[i]![1]) : text.padStart(COLUMNS[i]![1]))).join('')
const row = (r: PageResult) =>
  line([
    r.path.length > 33 ? `${r.path.slice(0, 32)}…` : r.path,
    r.lang,
    ...CATEGORIES.map((c) => String(r.scores[c])),
    r.tbtMs.toFixed(0),
    r.lcpMs.toFixed(0),
    r.benchmarkIndex.toFixed(0),
    r.loadAverage.toFixed(2),
  ])

function readOptions(args: string[]) {
  const { values } = parseArgs({ args, options: { page: { type: 'string', multiple: true }, lang: { type: 'string', multiple: true } } })
  const languages = values.lang?.length ? values.lang : [...LANGUAGES]
  for (const lang of languages) if (!(LANGUAGES as readonly string[]).includes(lang)) throw new Error(`--lang ${lang}: one of ${LANGUAGES.join(', ')}`)
  return { pages: values.page, languages }
}

async function benchmark(stack: (() => Promise<void>)[], options: ReturnType<typeof readOptions>) {
  print(`lighthouse benchmark: ${os.cpus().length} cores, Node ${process.version}, load average ${loadAverage()} (1, 5, 15 min)`)
  // Never the developer's database: the Hub loads the demo data into this one when it is empty.
  delete process.env.DATABASE_URL
  process.env.HUB_DATA_DIR = DATA_DIR
  const database = await prepareDatabase(log)
  resetEnvCache()
  stack.push(async () => {
    await database.embedded?.stop()
  })

  buildIfNeeded(BUILD_DIR, log)
  mkdirSync(REPORTS_DIR, { recursive: true })
  log('Starting the Hub (production build, demo data loaded into an empty database)…')
  const hub = await startHub({
    port: await freePort(),
    databaseUrl: database.url,
    dataDir: DATA_DIR,
    probePath: '/healthz',
    env: { HUB_BUILD_DIR: BUILD_DIR, DEMO_DATA: 'on' },
  })
  stack.push(hub.stop)
  const pages = await pagesToAudit(hub, options.pages)
  for (const page of pages) {
    const response = await fetch(`${hub.origin}${page}`, { signal: AbortSignal.timeout(30_000) })
    if (response.status !== 200) throw new Error(`${page} answered ${response.status}`)
  }

  const chrome = await chromeLauncher.launch({ chromePath: CHROME_PATH, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage'] })
  stack.push(async () => {
    chrome.kill()
  })

  // A browser's first page pays for its own start (font cache, disk cache, a fresh renderer) on top of the page's
  // cost; a visitor's browser is already running. One unscored run takes that cost, so whichever page comes first
  // is measured like the others.
  log('Lighthouse: warming up the browser on / (not scored)…')
  await lighthouse(urlFor(hub.origin, '/', 'en'), { port: chrome.port, logLevel: 'error', onlyCategories: ['performance'] })

  const results: PageResult[] = []
  for (const page of pages) {
    for (const lang of options.languages) {
      const url = urlFor(hub.origin, page, lang)
      log(`Lighthouse: ${page} (${lang})…`)
      results.push(await auditWithRetries(chrome.port, url, page, lang))
    }
  }

  print(`\nLighthouse ${lighthouseVersion()}, mobile preset, simulated throttling; Chromium at ${CHROME_PATH}; Lighthouse's benchmark index and the load average (1 min) at each page's start:`)
  print(line(COLUMNS.map(([title]) => title)))
  for (const r of results) print(row(r))
  const findings = results.filter((r) => r.failing.length)
  if (findings.length) {
    print('\nWhat lost points (audits under 90 in performance, under 100 elsewhere):')
    for (const r of findings) print(`  ${r.path} (${r.lang}): ${r.failing.join('; ')}`)
  }
  print(`\nFull reports in ${path.relative(process.cwd(), REPORTS_DIR)}/.`)
  print(`load average after: ${loadAverage()}`)
  const scored = results.flatMap((r) => CATEGORIES.map((c) => ({ r, c, score: r.scores[c] })))
  const worst = scored.reduce((a, b) => (b.score < a.score ? b : a))
  const othersMin = Math.min(...scored.filter((s) => s.c !== 'performance').map((s) => s.score))
  print(`lighthouse worst=${worst.score} page=${worst.r.path} lang=${worst.r.lang} others_min=${othersMin}`)
}

export const runLighthouseBenchmark = (args: string[] = []) => {
  const options = readOptions(args)
  return runBounded('lighthouse', TIME_LIMIT_MS, (stack) => benchmark(stack, options))
}
