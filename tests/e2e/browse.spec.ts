import type { Page } from '@playwright/test'
import { expectingStatus, test } from './helpers'
import { expect, expectAccessible } from './support'

/*
 * A visitor finds requests and offers. The journey works on an empty database (it then meets the empty
 * states) and on the demo data (it then also searches, filters and turns pages): it never writes anything.
 */

const results = (page: Page) => page.getByRole('region', { name: /^\d[\d,]* (request|offer)s?$/ })
const resultCount = async (page: Page) => Number((await results(page).getByRole('heading', { level: 2 }).first().innerText()).split(' ')[0]!.replace(/,/g, ''))
const cards = (page: Page) => results(page).getByRole('article')
const filters = (page: Page) => page.getByRole('complementary', { name: 'Filters' })

/**
 * After a client-side navigation the address changes first and the page renders a moment later, so a step
 * that reads the list waits for the list itself: every filter gone and the unfiltered count back.
 */
async function expectUnfiltered(page: Page, total: number) {
  await expect(page.getByRole('link', { name: /^Remove filter:/ })).toHaveCount(0)
  await expect(results(page).getByRole('heading', { level: 2 }).first()).toHaveText(new RegExp(`^${total.toLocaleString('en')} requests?$`))
}

async function expectNoSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 360, height: 740 })
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360)
  await page.setViewportSize({ width: 1280, height: 800 })
}

test('a visitor searches requests, narrows them with a facet, turns pages and opens an objective', async ({ page }) => {
  await page.goto('/requests')
  await expect(page).toHaveTitle('Requests for support — Connection Hub')
  await expect(page.getByRole('heading', { level: 1, name: 'Requests for support' })).toBeVisible()
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', /Published requests from States/)
  await expectAccessible(page)
  await expectNoSidewaysScroll(page)

  const total = await resultCount(page)
  if (total === 0) {
    await expect(page.getByText('No published request matches this search.')).toBeVisible()
  } else {
    await expect(cards(page).first()).toBeVisible()
    expect(await cards(page).count()).toBe(Math.min(total, 20))
  }

  // Search: words that cannot match show the empty state, and the search is in the address and the title.
  await page.getByRole('searchbox', { name: 'Search requests' }).fill('zzqxv nothingmatches')
  await page.getByRole('button', { name: 'Search' }).click()
  await expect(page).toHaveURL(/\/requests\?q=zzqxv\+nothingmatches$/)
  await expect(page).toHaveTitle('“zzqxv nothingmatches” in Requests for support — Connection Hub')
  await expect(page.getByText('No published request matches this search.')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Remove filter: Words: “zzqxv nothingmatches”' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'All requests' }).click()
  await expect(page).toHaveURL(/\/requests$/)
  await expectUnfiltered(page, total)

  if (total > 0) {
    // Search for the start of a word of the first result's title: it must be found again.
    const title = await cards(page).first().getByRole('heading').innerText()
    const word = title.split(/\s+/).find((w) => /^\p{L}{6,}$/u.test(w)) ?? title.split(/\s+/)[0]!
    await page.getByRole('searchbox', { name: 'Search requests' }).fill(word.slice(0, 5))
    await page.getByRole('button', { name: 'Search' }).click()
    await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(word.slice(0, 5))}`))
    await expect(cards(page).getByRole('heading', { name: title })).toBeVisible()
    await expect(page.getByRole('link', { name: 'Best match' })).toHaveAttribute('aria-current', 'true')
    await expectAccessible(page)

    // A facet keeps the search words and narrows the results to what its count said.
    const objective = filters(page).getByRole('region', { name: 'Objective' }).getByRole('link').first()
    const [label, count] = await objective.evaluate((a) => [a.querySelector('span')!.textContent!, a.querySelector('small')!.textContent!])
    await objective.click()
    await expect(page).toHaveURL(/objective=\d+/)
    expect(page.url()).toContain(`q=${encodeURIComponent(word.slice(0, 5))}`)
    await expect(results(page).getByRole('heading', { level: 2 }).first()).toHaveText(new RegExp(`^${count} requests?$`))
    await expect(page.getByRole('link', { name: `Remove filter: Objective: ${label}` })).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Clear all' }).click()
    await expect(page).toHaveURL(/\/requests$/)
    // The address changes before the new list is rendered: wait for the unfiltered list itself.
    await expectUnfiltered(page, total)
  }

  if (total > 20) {
    const first = await cards(page).getByRole('heading').allInnerTexts()
    const pages = page.getByRole('navigation', { name: 'Pages of results' })
    await pages.getByRole('link', { name: 'Next page' }).click()
    await expect(page).toHaveURL(/page=2/)
    await expect(pages.getByRole('link', { name: 'Page 2' })).toHaveAttribute('aria-current', 'page')
    const second = await cards(page).getByRole('heading').allInnerTexts()
    expect(second.length).toBe(Math.min(total - 20, 20))
    expect(second.filter((t) => first.includes(t))).toEqual([])
    await expectAccessible(page)
  }

  // The primary objective of a result, or else objective 20, leads to its page.
  if (total > 0) await cards(page).first().getByRole('link', { name: /^\d+\. / }).click()
  else await page.goto('/objectives/20')
  await expect(page).toHaveURL(/\/objectives\/\d+$/)
  await expect(page.getByRole('heading', { level: 2, name: 'Commitments' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: 'Actions' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: /^Open requests/ })).toBeVisible()
  await expect(page.getByRole('heading', { level: 2, name: /^Active offers/ })).toBeVisible()
  await expectAccessible(page)
  await expectNoSidewaysScroll(page)
})

test('the objectives: all 23, each with its actions; an unknown one is not found', async ({ page }) => {
  await page.goto('/objectives')
  await expect(page).toHaveTitle('The 23 objectives of the Compact — Connection Hub')
  await expect(page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2 }) })).toHaveCount(23)
  await expectAccessible(page)
  await expectNoSidewaysScroll(page)

  await page.getByRole('link', { name: /^Objective 20: / }).click()
  await expect(page).toHaveURL(/\/objectives\/20$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('remittances')
  await expect(page).toHaveTitle(/^Objective 20: .*remittances.* — Connection Hub$/)
  await expect(page.getByText('20.a', { exact: true })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'All objectives' }).getByRole('link', { name: 'Next objective' })).toHaveAttribute('href', '/objectives/21')
  await expectAccessible(page)

  await expectingStatus(page, 404, async () => {
    const response = await page.goto('/objectives/24')
    expect(response?.status()).toBe(404)
  })
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
  await expectAccessible(page)
})

test('a search address that cannot be run says why, with a 400', async ({ page }) => {
  await expectingStatus(page, 400, async () => {
    const response = await page.goto('/requests?objective=99&country=XXX')
    expect(response?.status()).toBe(400)
  })
  await expect(page).toHaveTitle('This search cannot be run — Connection Hub')
  await expect(page.getByText('There is no objective “99”: the Compact’s objectives are numbered 1 to 23.')).toBeVisible()
  await expect(page.getByText('“XXX” is not a country code')).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('link', { name: 'Start a new search' }).click()
  await expect(page).toHaveURL(/\/requests$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Requests for support' })).toBeVisible()

  // Words that look like SQL are only words.
  await page.goto(`/requests?q=${encodeURIComponent("' OR 1=1 --")}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Requests for support' })).toBeVisible()
  await expect(page.getByRole('searchbox', { name: 'Search requests' })).toHaveValue("' OR 1=1 --")
})

test('offers: active ones by default, with the kind of offer as a filter', async ({ page }) => {
  await page.goto('/offers')
  await expect(page).toHaveTitle('Offers of expertise and financing — Connection Hub')
  await expectAccessible(page)
  const total = await resultCount(page)
  if (total === 0) {
    await expect(page.getByText('No offer matches this search.')).toBeVisible()
    return
  }
  const status = filters(page).getByRole('region', { name: 'Status' })
  // Active offers are shown unless paused ones are asked for too: Active is chosen and cannot be removed.
  await expect(status.getByRole('listitem').filter({ hasText: 'Active' })).toHaveText(/^✓ Active\d+$/)
  await expect(status.getByRole('link', { name: /^Active/ })).toHaveCount(0)
  const kind = filters(page).getByRole('region', { name: 'Kind of offer' }).getByRole('link').first()
  const count = await kind.locator('small').innerText()
  await kind.click()
  await expect(page).toHaveURL(/kind=(expertise|financing)/)
  await expect(results(page).getByRole('heading', { level: 2 }).first()).toHaveText(new RegExp(`^${count} offers?$`))
  await expectAccessible(page)
  await expectNoSidewaysScroll(page)
})

test('the open-data API answers JSON with the same filters', async ({ request }) => {
  const list = await request.get('/api/v1/requests?pageSize=5')
  expect(list.status()).toBe(200)
  expect(list.headers()['cache-control']).toBe('public, max-age=60')
  const body = (await list.json()) as { total: number; items: { id: string }[] }
  expect(body.items.length).toBe(Math.min(body.total, 5))
  expect(await list.text()).not.toContain('@')
  const bad = await request.get('/api/v1/requests?objective=99')
  expect(bad.status()).toBe(400)
  expect(await bad.json()).toMatchObject({ issues: [{ parameter: 'objective', value: '99' }] })
  expect((await request.get('/api/v1/taxonomy')).status()).toBe(200)
})

test('a search links to its Atom feed, which lists what the page lists, newest first', async ({ page, request }) => {
  await page.goto('/requests?objective=5&sort=oldest')
  const feedHref = '/requests.atom?objective=5&lng=en'
  const head = page.locator('link[rel="alternate"][type="application/atom+xml"]')
  await expect(head).toHaveAttribute('href', feedHref)
  await expect(head).toHaveAttribute('title', /^Requests for support: 5\. .+ — Connection Hub$/)
  await expect(page.getByRole('link', { name: 'Subscribe to this search (Atom feed)' })).toHaveAttribute('href', feedHref)
  await expectAccessible(page)

  const feed = await request.get(feedHref)
  expect(feed.status()).toBe(200)
  expect(feed.headers()['content-type']).toBe('application/atom+xml; charset=utf-8')
  expect(feed.headers()['cache-control']).toBe('public, max-age=60')
  expect(feed.headers()['etag']).toMatch(/^W\//)
  const xml = await feed.text()
  expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">')
  const entries = [...xml.matchAll(/<entry[^>]*>\s*<id>([^<]+)<\/id>/g)].map((m) => new URL(m[1]!).pathname)

  await page.goto('/requests?objective=5&sort=newest')
  const listed = await cards(page).evaluateAll((articles) => articles.map((a) => a.querySelector('a[href^="/requests/"]')!.getAttribute('href')))
  expect(entries.slice(0, listed.length)).toEqual(listed)
})
