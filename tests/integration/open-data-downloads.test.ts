import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import express from 'express'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { requests } from '#db/schema/index'
import { apiRateLimit } from '~/http/open-data.server'
import { RateLimitedSchema } from '~/domain/open-data/schemas'
import { db } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import { uniqueSuffix } from '../factories'
import { callApi, hiddenProjectTitle, parseCsv, seedOpenData, trickyTitle, type OpenDataWorld } from './open-data-support'

let world: OpenDataWorld

beforeAll(async () => {
  world = await seedOpenData()
})

async function csv(path: string, query: string) {
  const response = await callApi(path, {}, query)
  expect(response.status).toBe(200)
  const [header, ...rows] = parseCsv(await response.text())
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])))
}

/** Every id a JSON list gives for a query, following links.next. */
async function jsonIds(path: string, query: string) {
  const ids: string[] = []
  let next: string | null = `${query}&pageSize=100`
  while (next !== null) {
    const response = await callApi(path, {}, next)
    const body = (await response.json()) as { items: { id: string }[]; links: { next: string | null } }
    ids.push(...body.items.map((i) => i.id))
    next = body.links.next ? new URL(body.links.next).search.slice(1) : null
  }
  return ids
}

describe('CSV downloads', () => {
  test('requests.csv quotes commas, quotes and line breaks (RFC 4180) and keeps UTF-8 text exact', async () => {
    const rows = await csv('/requests.csv', `q=${world.word}`)
    const row = rows.find((r) => r.id === world.requestId)
    expect(row).toMatchObject({ title: trickyTitle(world.word), countries: 'BGD', primary_objective: '20', status: 'matched', organization: world.state.name })
    const response = await callApi('/requests.csv', {}, `q=${world.word}`)
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="requests.csv"')
    expect(await response.text()).toContain(`"Remittances, ""digital"" channels & <data> — coût\r\nsecond line ${world.word}"`)
  })

  test('a cell that a spreadsheet would run as a formula is kept as text', async () => {
    await db.update(requests).set({ summary: '=HYPERLINK("https://example.org","click")' }).where(eq(requests.id, world.requestId as never))
    const rows = await csv('/requests.csv', `q=${world.word}`)
    expect(rows.find((r) => r.id === world.requestId)?.summary).toBe(`'=HYPERLINK("https://example.org","click")`)
  })

  test('the same filters as the pages and the JSON API give the same items, all of them, without paging', async () => {
    for (const [path, json, query] of [
      ['/requests.csv', '/requests', `q=${world.word}&objective=3`],
      ['/requests.csv', '/requests', 'country=BGD&status=in_project'],
      ['/offers.csv', '/offers', 'kind=financing&region=142'],
      ['/projects.csv', '/projects', 'country=KEN'],
      ['/projects.csv', '/projects', 'status=closed'],
      ['/practices.csv', '/practices', 'objective=6&country=KEN'],
    ] as const) {
      const fromCsv = (await csv(path, `${query}&page=2&pageSize=1`)).map((r) => r.id)
      expect(fromCsv.length, `${path}?${query}`).toBeGreaterThan(0)
      expect(fromCsv.sort(), `${path}?${query}`).toEqual((await jsonIds(json, query)).sort())
    }
    expect((await csv('/offers.csv', `q=${world.word}&kind=expertise`)).map((r) => r.id)).not.toContain(world.offerId)
  })

  test('projects.csv lists published projects with their public figures, never an unpublished one', async () => {
    const rows = await csv('/projects.csv', '')
    const active = rows.find((r) => r.id === world.activeId)
    expect(active).toMatchObject({ status: 'active', iati_status: '2', countries: 'BGD;NPL;KEN', budget_amount: '150000.00', budget_currency: 'USD', implementing: world.partner.name, funding: world.donor.name })
    expect(rows.find((r) => r.id === world.closedId)).toMatchObject({ status: 'closed', progress_percent: expect.stringMatching(/^\d+(\.\d+)?$/) })
    expect(rows.map((r) => r.id)).not.toContain(world.hiddenId)
    expect(rows.map((r) => r.title)).not.toContain(hiddenProjectTitle(world.word))
  })

  test('bad filters are a 400 naming the parameter, as for the JSON API', async () => {
    const response = await callApi('/offers.csv', {}, 'objective=99')
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ issues: [{ parameter: 'objective', value: '99' }] })
  })
})

describe('the API rate limit', () => {
  let server: ReturnType<ReturnType<typeof express>['listen']>
  let base: string
  beforeAll(async () => {
    const app = express()
    app.use('/api/v1', apiRateLimit({ limit: 3 }))
    app.get('/api/v1/ping', (_req, res) => void res.json({ ok: true }))
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  test('counts per address: over the limit, a 429 with Retry-After and a JSON body saying when to come back', async () => {
    const ip = `203.0.113.${uniqueSuffix().length}-${uniqueSuffix()}`
    const get = (address: string) => fetch(`${base}/api/v1/ping`, { headers: { 'X-Hub-Client-Ip': address } })
    for (let i = 0; i < 3; i++) expect((await get(ip)).status).toBe(200)
    const refused = await get(ip)
    expect(refused.status).toBe(429)
    const wait = Number(refused.headers.get('Retry-After'))
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(600)
    expect(refused.headers.get('Cache-Control')).toBe('no-store')
    const body = RateLimitedSchema.parse(await refused.json())
    expect(body.retryAfterSeconds).toBe(wait)
    expect(body.error).toMatch(/at most 3 requests per 10 minutes/)
    expect((await get(`${ip}-other`)).status).toBe(200)
  })

  test('the default is generous and configurable', () => {
    expect(env().API_RATE_LIMIT_PER_WINDOW).toBe(Number(process.env.API_RATE_LIMIT_PER_WINDOW || 600))
  })
})
