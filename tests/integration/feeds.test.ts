import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, test } from 'vitest'
import { requests } from '#db/schema/index'
import { browseMeta } from '~/domain/catalogue/meta'
import { ATOM_NAMESPACE } from '~/domain/open-data/atom'
import { FEED_SIZE } from '~/domain/open-data/atom.server'
import { loader as offersFeed } from '~/routes/offers[.]atom'
import { loader as offersPage } from '~/routes/offers._index'
import { loader as requestsFeed } from '~/routes/requests[.]atom'
import { loader as requestsPage } from '~/routes/requests._index'
import { db } from '~/utils/db.server'
import { publicOrigin } from '~/utils/env.server'
import { insertOffer, insertRequest, routeArgs, searchOrganizations, uniqueWord } from './search-support'
import { childrenNamed, parseXmlTree, type XmlNode } from '../support/xml-tree'

/**
 * The Atom feeds of the searches, read back with an XML parser as a feed reader reads them: the same items as the
 * page for the same address, newest first, with ids that never change, and nothing the pages do not show.
 */

const one = (node: XmlNode, name: string) => {
  const found = childrenNamed(node, name)
  expect(found, `exactly one <${name}> in <${node.name}>`).toHaveLength(1)
  return found[0]!
}
const link = (node: XmlNode, rel: string) => childrenNamed(node, 'link').find((l) => l.attributes.rel === rel)
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/

type FeedLoader = typeof requestsFeed
const loaders = { requests: { feed: requestsFeed, page: requestsPage }, offers: { feed: offersFeed, page: offersPage } }

async function fetchFeed(loader: FeedLoader, path: string, headers: Record<string, string> = {}) {
  const response = await loader(routeArgs(path, headers))
  const text = await response.text()
  return { response, text }
}

/** The feed of `path`, checked against what RFC 4287 requires of every feed and entry. */
async function feedOf(listing: keyof typeof loaders, query: string, headers: Record<string, string> = {}) {
  const { response, text } = await fetchFeed(loaders[listing].feed, `/${listing}.atom?${query}`, headers)
  expect(response.status, text).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
  const feed = parseXmlTree(text)
  expect(feed.name).toBe('feed')
  expect(feed.namespace).toBe(ATOM_NAMESPACE)
  for (const name of ['id', 'title', 'updated']) expect(one(feed, name).text.trim()).not.toBe('')
  expect(one(feed, 'updated').text).toMatch(isoTime)
  const entries = childrenNamed(feed, 'entry').map((entry) => {
    for (const child of entry.children) expect(child.namespace, `<${child.name}> of an entry`).toBe(ATOM_NAMESPACE)
    const alternate = link(entry, 'alternate')
    expect(alternate?.attributes.href).toBe(one(entry, 'id').text)
    for (const name of ['updated', 'published']) expect(one(entry, name).text).toMatch(isoTime)
    return {
      id: one(entry, 'id').text,
      title: one(entry, 'title').text,
      summary: one(entry, 'summary').text,
      author: one(one(entry, 'author'), 'name').text,
      published: one(entry, 'published').text,
      updated: one(entry, 'updated').text,
      language: entry.attributes['xml:lang'],
    }
  })
  return { feed, text, entries, response }
}

/** The item ids of a feed entry's addresses (`…/requests/<id>`). */
const itemIds = (entries: { id: string }[]) => entries.map((e) => e.id.split('/').pop())

/** What the page shows for the same address, newest first (a feed is always newest first). */
async function pageIds(listing: keyof typeof loaders, query: string) {
  const page = await loaders[listing].page(routeArgs(`/${listing}?${query}&sort=newest`))
  return page.cards.map((c) => c.id)
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000)
let word: string
let requestIds: { newest: string; middle: string; oldest: string }

beforeAll(async () => {
  word = uniqueWord()
  // Inserted oldest last, so the order of the feed is not the order of insertion.
  const newest = await insertRequest({ title: `Labour migration statistics ${word}`, objectives: [1, 5], countries: ['NPL'], supportTypes: ['technical_assistance'], publishedAt: minutesAgo(1) })
  const middle = await insertRequest({ title: `Consular assistance training ${word}`, objectives: [14], countries: ['BGD'], supportTypes: ['capacity_building'], publishedAt: minutesAgo(5) })
  const oldest = await insertRequest({ title: `Remittance costs review ${word}`, objectives: [20, 5], countries: ['KEN'], supportTypes: ['data_research'], summary: '  Review of remittance transfer costs.  ', publishedAt: minutesAgo(60) })
  requestIds = { newest, middle, oldest }
  for (const status of ['draft', 'submitted', 'returned', 'withdrawn', 'closed'] as const) await insertRequest({ title: `Hidden ${status} ${word}`, objectives: [5], status })
  await insertOffer({ title: `Statistics coaching ${word}`, objectives: [1], publishedAt: minutesAgo(3) })
  await insertOffer({ title: `Seed grants ${word}`, kind: 'financing', objectives: [5], publishedAt: minutesAgo(2) })
  await insertOffer({ title: `Paused mentoring ${word}`, status: 'paused' })
  await insertOffer({ title: `Draft mentoring ${word}`, status: 'draft' })
  await insertOffer({ title: `Closed mentoring ${word}`, status: 'closed' })
})

describe('the Atom feeds', () => {
  test('are Atom 1.0: the feed’s id, title, updated and links, each entry’s fields, in the reader’s language', async () => {
    const { feed, entries } = await feedOf('requests', `q=${word}`)
    const origin = publicOrigin()
    expect(one(feed, 'id').text).toBe(`${origin}/requests.atom?q=${word}`)
    expect(one(feed, 'title').text).toBe(`“${word}” in Requests for support — Connection Hub`)
    expect(feed.attributes['xml:lang']).toBe('en')
    expect(link(feed, 'self')?.attributes).toMatchObject({ href: `${origin}/requests.atom?q=${word}&lng=en`, type: 'application/atom+xml' })
    expect(link(feed, 'alternate')?.attributes).toMatchObject({ href: `${origin}/requests?q=${word}&lng=en`, type: 'text/html' })
    const { state } = await searchOrganizations()
    expect(entries.map((e) => e.title)).toEqual([`Labour migration statistics ${word}`, `Consular assistance training ${word}`, `Remittance costs review ${word}`])
    expect(entries[0]).toMatchObject({ id: `${origin}/requests/${requestIds.newest}`, author: state.name, language: 'en' })
    expect(entries[2]!.summary).toBe('Review of remittance transfer costs.')
    expect(entries[0]!.updated).toBe(entries[0]!.published)
  })

  test('list the newest published first whatever the order asked for, and the feed is as new as its newest entry', async () => {
    for (const sort of ['', '&sort=oldest', '&sort=relevance', '&sort=nonsense', '&page=3']) {
      const { feed, entries } = await feedOf('requests', `q=${word}${sort}`)
      expect(itemIds(entries), sort).toEqual([requestIds.newest, requestIds.middle, requestIds.oldest])
      const times = entries.map((e) => Date.parse(e.published))
      expect(times).toEqual([...times].sort((a, b) => b - a))
      expect(one(feed, 'updated').text).toBe(entries[0]!.updated)
    }
  })

  test('give each item one id, the same on every fetch, and the same bytes and ETag while nothing changes', async () => {
    const first = await feedOf('requests', `q=${word}`)
    const second = await feedOf('requests', `q=${word}`)
    const ids = first.entries.map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(second.entries.map((e) => e.id)).toEqual(ids)
    expect(one(second.feed, 'id').text).toBe(one(first.feed, 'id').text)
    expect(second.text).toBe(first.text)
    // The entry ids do not depend on the search that lists them.
    const narrower = await feedOf('requests', `q=${word}&objective=5&lng=fr`)
    expect(narrower.entries.map((e) => e.id)).toEqual([ids[0], ids[2]])
    // Nor the feed's id on the order the filters are written in, or the language.
    const reordered = await feedOf('requests', `objective=5&q=${word}`)
    expect(one(reordered.feed, 'id').text).toBe(one(narrower.feed, 'id').text)
  })

  test('give the same items as the page for the same filters', async () => {
    const combinations: [keyof typeof loaders, string][] = [
      ['requests', `q=${word}`],
      ['requests', `q=${word}&objective=5`],
      ['requests', `q=${word}&objective=5&objective=20`],
      ['requests', `q=${word}&country=NPL`],
      ['requests', `q=${word}&region=034`],
      ['requests', `q=${word}&supportType=capacity_building`],
      ['requests', `q=${word}&language=en&status=published`],
      ['requests', `q=nothing${word}`],
      ['requests', ''],
      ['offers', `q=${word}`],
      ['offers', `q=${word}&kind=financing`],
      ['offers', `q=${word}&status=paused`],
      ['offers', `q=${word}&objective=1&region=002`],
      ['offers', ''],
    ]
    for (const [listing, query] of combinations) {
      const { entries } = await feedOf(listing, query)
      const onPage = await pageIds(listing, query)
      // The page holds 20; the feed the newest FEED_SIZE.
      expect(itemIds(entries).slice(0, onPage.length), `${listing}?${query}`).toEqual(onPage)
      expect(entries.length).toBeLessThanOrEqual(FEED_SIZE)
    }
    expect(itemIds((await feedOf('requests', `q=${word}&country=NPL`)).entries)).toEqual([requestIds.newest])
    expect((await feedOf('offers', `q=${word}&status=paused`)).entries.map((e) => e.title)).toEqual([`Paused mentoring ${word}`])
  })

  test('never show a draft or any other item the pages hide, nor a private field', async () => {
    const requests = await feedOf('requests', `q=${word}`)
    const offers = await feedOf('offers', `q=${word}&status=active&status=paused`)
    for (const { text } of [requests, offers]) {
      expect(text).not.toMatch(/Hidden|Draft mentoring|Closed mentoring/)
      expect(text).not.toContain('private.contact@example.org')
      expect(text).not.toContain('Private Contact Person')
    }
    expect(offers.entries.map((e) => e.title).sort()).toEqual([`Paused mentoring ${word}`, `Seed grants ${word}`, `Statistics coaching ${word}`].sort())
  })

  test('a text holding markup or a control character stays text, and the feed stays well-formed', async () => {
    const own = uniqueWord()
    const id = await insertRequest({ title: `Remittances & <data> “digital” ${own}` })
    await db.update(requests).set({ summary: 'Costs\u0001 of <b>sending</b> money & more' }).where(eq(requests.id, id as never))
    const { entries, text } = await feedOf('requests', `q=${own}`)
    expect(entries.map((e) => [e.title, e.summary])).toEqual([[`Remittances & <data> “digital” ${own}`, 'Costs  of <b>sending</b> money & more']])
    expect(text).toContain('&lt;b&gt;sending&lt;/b&gt;')
  })

  test('an empty search is a valid feed whose time does not move', async () => {
    const first = await feedOf('offers', `q=nothing${word}`)
    expect(first.entries).toEqual([])
    expect(one(first.feed, 'updated').text).toBe('1970-01-01T00:00:00.000Z')
  })

  test('speak the language asked for, by link or by the browser, with the filters in the title', async () => {
    const french = await feedOf('requests', `q=${word}&country=NPL&lng=fr`)
    expect(french.feed.attributes['xml:lang']).toBe('fr')
    expect(one(french.feed, 'title').text).toBe(`« ${word} » dans Demandes d’appui : Népal — Connection Hub`)
    const arabic = await feedOf('offers', `kind=financing`, { 'Accept-Language': 'ar' })
    expect(arabic.feed.attributes['xml:lang']).toBe('ar')
    expect(link(arabic.feed, 'self')?.attributes.href).toBe(`${publicOrigin()}/offers.atom?kind=financing&lng=ar`)
  })

  test('are cached like the open data: an ETag, a minute in shared caches, 304 when unchanged, any site may read them', async () => {
    const { response } = await feedOf('requests', `q=${word}`)
    const etag = response.headers.get('ETag')
    expect(etag).toMatch(/^W\/"/)
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=60')
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const again = await requestsFeed(routeArgs(`/requests.atom?q=${word}`, { 'If-None-Match': etag! }))
    expect(again.status).toBe(304)
  })

  test('refuse what the page refuses with a 400 that says why, never a 500', async () => {
    for (const [query, message] of [
      ['objective=99', /objective/i],
      ['country=XXX', /country/i],
      ['supportType=bribes', /support/i],
      [`q=${'x'.repeat(201)}`, /200 characters/],
    ] as const) {
      const { response, text } = await fetchFeed(requestsFeed, `/requests.atom?${query}`)
      expect(response.status, query).toBe(400)
      expect(text).toMatch(message)
      expect(response.headers.get('Cache-Control')).toBe('no-store')
      const page = await requestsPage(routeArgs(`/requests?${query}`)).then(
        () => null,
        (thrown: unknown) => thrown as Response,
      )
      expect(page?.status, `the page refuses ${query} too`).toBe(400)
      expect(await page!.text()).toBe(text)
    }
    expect((await fetchFeed(offersFeed, '/offers.atom?kind=gift')).response.status).toBe(400)
  })
})

describe('the search pages', () => {
  test('link to the feed of their search, in their language, in the head and in the page', async () => {
    for (const listing of ['requests', 'offers'] as const) {
      const data = await loaders[listing].page(routeArgs(`/${listing}?q=${word}&objective=5&sort=oldest&page=2`, { 'Accept-Language': 'es' }))
      expect(data.feed.href).toBe(`/${listing}.atom?q=${word}&objective=5&lng=es`)
      const head = browseMeta({ data, matches: [] })
      expect(head).toContainEqual({ tagName: 'link', rel: 'alternate', type: 'application/atom+xml', title: data.feed.title, href: data.feed.href })
      // The link leads to the feed, which bears the same title.
      const { feed, entries } = await feedOf(listing, data.feed.href.split('?')[1]!)
      expect(one(feed, 'title').text).toBe(data.feed.title)
      expect(feed.attributes['xml:lang']).toBe('es')
      expect(entries.length).toBeGreaterThan(0)
    }
  })
})
