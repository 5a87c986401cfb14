import { expect, test, type APIRequestContext } from '@playwright/test'

/*
 * Every page of the demo, in each of the six languages, as a visitor and as the people who use the Hub: the
 * crawl follows the links of each page (one page of each kind), fetches it in every language and fails on any
 * missing translation (the test server renders a missing key as ⟦key⟧), on a wrong <html lang dir>, or on a 5xx.
 */

const LANGUAGES = { ar: 'rtl', zh: 'ltr', en: 'ltr', fr: 'ltr', ru: 'ltr', es: 'ltr' } as const
const PASSWORD = 'connection-hub-demo'
const personas = [
  { name: 'visitor', email: null },
  { name: 'secretariat', email: 'secretariat@demo.connection-hub.org' },
  { name: 'State focal point', email: 'state@demo.connection-hub.org' },
  { name: 'implementer', email: 'iom@demo.connection-hub.org' },
  { name: 'donor', email: 'donor@demo.connection-hub.org' },
] as const

const START = ['/', '/requests', '/offers', '/projects', '/fund', '/dashboards', '/practices', '/objectives', '/developers', '/login', '/signup', '/forgot-password']
const SIGNED_IN_START = ['/dashboard', '/notifications', '/account', '/orgs', '/fund/mine', '/secretariat/requests', '/secretariat/matches', '/secretariat/verification', '/secretariat/projects', '/secretariat/fund', '/secretariat/practices']
/** Not pages: files, feeds, the API, actions, and the local tools. */
const SKIP = /^\/(api|dev|webhooks|logout|language)\b|\.(csv|xml|json|atom|pdf|svg|ico)$|\/documents\/[^/]+$/

/** One page of each kind is enough: ids and numbers become placeholders. */
const kindOf = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id').replace(/\/\d+(?=\/|$)/g, '/:n')

const linksOf = (html: string) =>
  [...html.matchAll(/<a [^>]*href="(\/[^"#?]*)(?:\?[^"#]*)?(?:#[^"]*)?"/g)].map((m) => m[1]!.replace(/\/$/, '') || '/').filter((p) => !SKIP.test(p))

async function logIn(request: APIRequestContext, email: string, origin: string) {
  const response = await request.post('/login', { form: { email, password: PASSWORD }, headers: { Origin: origin }, maxRedirects: 0 })
  expect(response.status(), `log in as ${email}`).toBe(302)
}

for (const persona of personas) {
  test(`every page the ${persona.name} can reach reads right in all six languages`, async ({ playwright }, testInfo) => {
    test.setTimeout(600_000)
    const origin = new URL(testInfo.project.use.baseURL ?? '').origin
    const request = await playwright.request.newContext({ baseURL: origin })
    if (persona.email) await logIn(request, persona.email, origin)
    const queue = persona.email ? [...SIGNED_IN_START, ...START] : [...START]
    const seen = new Set<string>()
    const problems: string[] = []
    let pages = 0
    while (queue.length) {
      const path = queue.shift()!
      if (seen.has(kindOf(path))) continue
      seen.add(kindOf(path))
      for (const [lng, dir] of Object.entries(LANGUAGES)) {
        // A redirect (a page this person may not open, or a form that sends them on) is not a page of its own.
        const response = await request.get(`${path}?lng=${lng}`, { maxRedirects: 0 })
        if (response.status() >= 500) problems.push(`${path} in ${lng}: ${response.status()}`)
        if (response.status() >= 300 && response.status() < 400) break
        if (!(response.headers()['content-type'] ?? '').includes('text/html')) break
        const html = await response.text()
        pages++
        for (const missing of new Set(html.match(/⟦[^⟧]*⟧/g) ?? [])) problems.push(`${path} in ${lng}: missing ${missing}`)
        if (!html.includes(`<html lang="${lng}" dir="${dir}"`)) problems.push(`${path} in ${lng}: <html> is not lang="${lng}" dir="${dir}"`)
        if (lng === 'en') for (const link of linksOf(html)) if (!seen.has(kindOf(link))) queue.push(link)
      }
    }
    await request.dispose()
    testInfo.annotations.push({ type: 'pages', description: `${seen.size} kinds of page, ${pages} pages fetched` })
    expect(problems).toEqual([])
    expect(seen.size).toBeGreaterThan(persona.email ? 20 : 15)
  })
}
