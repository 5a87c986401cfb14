import { describe, expect, test } from 'vitest'
import { countryCodes } from '~/domain/geography/codes'
import { createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { parseBrowseParams } from '~/domain/catalogue/filters'
import { loader as objectiveLoader } from '~/routes/objectives.$number'
import { loader as offersLoader } from '~/routes/offers._index'
import { loader as requestsLoader } from '~/routes/requests._index'
import { db } from '~/utils/db.server'
import { createOrganization, createUser } from '../factories'
import { ids, insertRequest, routeArgs, search, thrownResponse, uniqueWord } from './search-support'

describe('what the public sees', () => {
  test('a request the secretariat publishes is found; before that it is not', async () => {
    const word = uniqueWord()
    const { org, owner } = await createOrganization({ type: 'state', country: 'NPL', status: 'verified' })
    const secretariat = await createUser({ role: 'secretariat' })
    const input = RequestSchema.parse({
      title: `Pre-departure orientation ${word}`,
      summary: 'A national pre-departure orientation curriculum for workers going abroad.',
      countries: ['NPL'],
      primaryObjective: 3,
      supportTypes: ['capacity_building'],
      languages: ['ne', 'en'],
      contactEmail: 'focal.point@example.org',
    })
    const id = await createRequest(db, owner.actor, org, input)
    expect((await search(word)).total).toBe(0)
    await transitionRequest(db, owner.actor, id, 'submit', { origin: 'http://hub.test' })
    expect((await search(word)).total).toBe(0)
    await transitionRequest(db, secretariat.actor, id, 'publish', { origin: 'http://hub.test' })
    const found = await search(word)
    expect(ids(found)).toEqual([id])
    expect(found.items[0]).toMatchObject({ organization: { name: org.name, type: 'state', country: 'NPL' }, primaryObjective: 3 })
  })

  test('the pages show no draft, submitted, returned, withdrawn or closed request, and no contact details', async () => {
    const word = uniqueWord()
    const visible = await insertRequest({ title: `Visible request ${word}`, objectives: [7] })
    for (const status of ['draft', 'submitted', 'returned', 'withdrawn', 'closed'] as const) {
      await insertRequest({ title: `Hidden ${status} ${word}`, objectives: [7], status })
    }
    const page = await requestsLoader(routeArgs(`/requests?q=${word}`))
    expect(page.cards.map((c) => c.id)).toEqual([visible])
    expect(page.total).toBe(1)
    const text = JSON.stringify(page)
    expect(text).not.toContain('@')
    expect(text).not.toContain('Private Contact Person')

    const objective = await objectiveLoader({ ...routeArgs('/objectives/7'), params: { number: '7' } })
    expect(JSON.stringify(objective)).not.toContain('Hidden')
    expect(objective.requests.cards.map((c) => c.title)).toContain(`Visible request ${word}`)
  })
})

describe('the browse pages', () => {
  test('name countries and regions in the reader’s language and keep the search in the title', async () => {
    const word = uniqueWord()
    await insertRequest({ title: `Consular protection ${word}`, countries: ['NPL'] })
    const english = await requestsLoader(routeArgs(`/requests?q=${word}`))
    const french = await requestsLoader(routeArgs(`/requests?q=${word}`, { 'Accept-Language': 'fr' }))
    const names = (page: typeof english, param: string) => page.facets.find((f) => f.param === param)!.values.map((v) => v.label)
    expect(names(english, 'country')).toEqual(['Nepal'])
    expect(names(french, 'country')).toEqual(['Népal'])
    expect(names(english, 'region')).toEqual(expect.arrayContaining(['Asia', 'Southern Asia']))
    expect(names(french, 'region')).toEqual(expect.arrayContaining(['Asie']))
    expect(english.cards[0]!.places).toEqual(['Nepal'])
    expect(english.cards[0]!.money).toBe('$150,000')
    expect(english.title).toBe(`“${word}” in Requests for support`)
    expect(french.title).toBe(`« ${word} » dans Demandes d’appui`)
  })

  test('a page past the last one is empty, not an error', async () => {
    const word = uniqueWord()
    await insertRequest({ title: `Return and reintegration ${word}` })
    const page = await requestsLoader(routeArgs(`/requests?q=${word}&page=7`))
    expect(page).toMatchObject({ total: 1, page: 7, pageCount: 1, cards: [] })
  })

  test('bad parameters are a 400 that names the problem, never a 500', async () => {
    const cases: [string, RegExp][] = [
      ['objective=99', /no objective “99”/],
      ['objective=abc', /no objective “abc”/],
      ['objective=20&objective=0', /no objective “0”/],
      ['country=XXX', /“XXX” is not a country code/],
      [`country=${encodeURIComponent("' OR 1=1 --")}`, /is not a country code/],
      ['region=999', /“999” is not a region code/],
      ['supportType=money', /“money” is not a kind of support/],
      ['language=zz', /“zz” is not a language code/],
      ['status=draft', /“draft” is not a status of published requests/],
      ['sort=random', /order “random” is unknown/],
      ['page=abc', /page “abc” is not a page number/],
      ['page=0', /page “0” is not a page number/],
      ['page=-1', /page “-1” is not a page number/],
      ['page=1.5', /page “1.5” is not a page number/],
      ['page=99999999999999999999', /is not a page number/],
      [`q=${'a'.repeat(201)}`, /too long/],
    ]
    for (const [query, message] of cases) {
      const { status, text } = await thrownResponse(() => requestsLoader(routeArgs(`/requests?${query}`)))
      expect(status, query).toBe(400)
      expect(text, query).toMatch(message)
    }
    const offerProblem = await thrownResponse(() => offersLoader(routeArgs('/offers?kind=grant&status=closed')))
    expect(offerProblem.status).toBe(400)
    expect(offerProblem.text).toMatch(/“grant” is not a kind of offer/)
    expect(offerProblem.text).toMatch(/“closed” is not a status of public offers/)
  })

  test('ten megabytes of search text is a short 400', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024)
    const { status, text } = await thrownResponse(() => requestsLoader(routeArgs(`/requests?q=${huge}`)))
    expect(status).toBe(400)
    expect(text.length).toBeLessThan(500)
  })

  test('SQL-looking search text is searched literally: a normal page', async () => {
    const page = await requestsLoader(routeArgs(`/requests?q=${encodeURIComponent("' OR 1=1 --")}`))
    expect(page.state.q).toBe("' OR 1=1 --")
    expect(page.total).toBe(0)
  })

  test('an unknown objective page is a 404', async () => {
    for (const number of ['0', '24', '99', 'abc', '1e1']) {
      const { status } = await thrownResponse(() => objectiveLoader({ ...routeArgs(`/objectives/${number}`), params: { number } }))
      expect(status, number).toBe(404)
    }
  })
})

describe('filters from the address', () => {
  test('repeat, normalise and ignore what they should', () => {
    const parsed = parseBrowseParams(new URLSearchParams('objective=20&objective=19&objective=20&country=bgd&q=+remittances+&utm_source=x&page=&sort='), 'requests')
    expect(parsed.success).toBe(true)
    if (!parsed.success) return
    expect(parsed.query).toMatchObject({ objective: [20, 19], country: ['BGD'], q: 'remittances', page: 1, sort: 'relevance' })
    expect(parsed.query.status).toEqual(['published', 'matched', 'in_project', 'completed'])
    expect(parsed.state.filters.objective).toEqual(['20', '19'])
  })

  test('too many values are refused', () => {
    const params = new URLSearchParams()
    for (const code of [...countryCodes].slice(0, 51)) params.append('country', code)
    const parsed = parseBrowseParams(params, 'requests')
    expect(parsed.success).toBe(false)
    if (!parsed.success) expect(parsed.problems).toEqual([{ parameter: 'country', value: null, message: 'browse.errors.tooMany', max: 50 }])
  })
})
