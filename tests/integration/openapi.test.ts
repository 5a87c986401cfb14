import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { Validator } from '@seriousme/openapi-schema-validator'
import { create } from 'xmlbuilder2'
import { beforeAll, describe, expect, test } from 'vitest'
import { endpoints, openApiDocument } from '~/domain/open-data/openapi'
import { ApiErrorSchema } from '~/domain/open-data/schemas'
import { publicOrigin, resetEnvCache } from '~/utils/env.server'
import { translator } from '~/utils/i18n.server'
import { callApi, loaders, parseCsv, seedOpenData, type OpenDataWorld } from './open-data-support'

let world: OpenDataWorld
/** The id each item path is called with: one of the seeded public items. */
let ids: Record<string, string>

beforeAll(async () => {
  world = await seedOpenData()
  ids = { '/requests/{id}': world.requestId, '/offers/{id}': world.offerId, '/projects/{id}': world.activeId, '/practices/{id}': world.practiceId }
})

type OpenApi = ReturnType<typeof openApiDocument>

async function documentFromRoute(): Promise<OpenApi> {
  const response = await callApi('/openapi.json')
  expect(response.status).toBe(200)
  return (await response.json()) as OpenApi
}

describe('GET /api/v1/openapi.json', () => {
  test('is a valid OpenAPI 3.1 document with the licence, the server and every endpoint of the registry', async () => {
    const document = await documentFromRoute()
    const validator = new Validator()
    const result = await validator.validate(document as never)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
    expect(document.openapi).toBe('3.1.0')
    expect(document.info.license).toEqual({ name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' })
    expect(document.servers).toEqual([{ url: `${publicOrigin()}/api/v1` }])
    expect(Object.keys(document.paths).sort()).toEqual(endpoints.map((e) => e.path).sort())
    // Every path of the document answers from a route of the Hub, and every /api/v1 route is in the document.
    expect(Object.keys(loaders).sort()).toEqual(Object.keys(document.paths).sort())
  })

  test('passes Redocly\'s recommended rules (security declared on every operation, examples typed as their schemas)', async () => {
    // As deployed: the server is APP_URL's (Redocly rightly refuses a document that points at localhost).
    process.env.APP_URL = 'https://hub.example.org'
    resetEnvCache()
    const folder = mkdtempSync(path.join(tmpdir(), 'openapi-'))
    try {
      const document = await documentFromRoute()
      expect(document.servers).toEqual([{ url: 'https://hub.example.org/api/v1' }])
      const file = path.join(folder, 'openapi.json')
      writeFileSync(file, JSON.stringify(document))
      const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/redocly'), ['lint', '--format=json', file], {
        // No telemetry or update check leaves the machine from a test.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))
      const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string; location: { pointer: string }[] }[] }
      expect(report.problems.map((p) => `${p.ruleId}: ${p.message} (${p.location[0]?.pointer})`)).toEqual([])
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 })
    } finally {
      rmSync(folder, { recursive: true, force: true })
      delete process.env.APP_URL
      resetEnvCache()
    }
  })

  test('every description is written (no string key left untranslated), in English and in French', () => {
    for (const language of ['en', 'fr']) {
      const text = JSON.stringify(openApiDocument('https://hub.example.org', translator(language)))
      expect(text.match(/developers\.[\w.]+/g), language).toBeNull()
    }
  })

  test('parameters come from the schemas the routes parse with', async () => {
    const document = await documentFromRoute()
    const parameters = (path: string) => (document.paths[path] as { get: { parameters: { name: string; schema: Record<string, unknown> }[] } }).get.parameters
    expect(parameters('/requests').map((p) => p.name)).toEqual(['q', 'sort', 'page', 'pageSize', 'objective', 'country', 'region', 'supportType', 'language', 'status'])
    expect(parameters('/offers').map((p) => p.name)).toContain('kind')
    expect(parameters('/requests.csv').map((p) => p.name)).not.toContain('page')
    expect(parameters('/projects').find((p) => p.name === 'pageSize')?.schema).toEqual({ type: 'integer', minimum: 1, maximum: 100 })
    expect(parameters('/projects').find((p) => p.name === 'status')?.schema.enum).toEqual(['inception', 'active', 'on_hold', 'completed', 'closed', 'cancelled'])
    expect(parameters('/taxonomy')).toEqual([expect.objectContaining({ name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['ar', 'zh', 'en', 'fr', 'ru', 'es'] } })])
    expect(parameters('/projects/{id}')).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } })])
  })
})

describe('every path answers as the document says', () => {
  for (const endpoint of endpoints) {
    test(`GET ${endpoint.path}`, async () => {
      const params: Record<string, string> = endpoint.pathParams ? { id: ids[endpoint.path]! } : {}
      const query = new URLSearchParams(Object.entries(endpoint.example).filter(([name]) => !endpoint.pathParams?.shape[name])).toString()
      const response = await callApi(endpoint.path, params, query)
      expect(response.status).toBe(200)
      const type = response.headers.get('Content-Type') ?? ''
      expect(response.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+$/)
      expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*')
      const etag = response.headers.get('ETag')
      expect(etag).toMatch(/^W\/"[\w-]+"$/)
      const text = await response.text()
      const { ok } = endpoint
      if (ok.kind === 'json') {
        expect(type).toMatch(/^application\/json/)
        const parsed = ok.schema.safeParse(JSON.parse(text))
        expect(parsed.error?.issues ?? []).toEqual([])
        const items = (parsed.data as { items?: unknown[] }).items
        // The examples find the seeded items, so the item schemas are checked on real rows too.
        if (items) expect(items.length, 'the example finds something').toBeGreaterThan(0)
      } else if (ok.kind === 'csv') {
        expect(type).toBe('text/csv; charset=utf-8')
        expect(response.headers.get('Content-Disposition')).toBe(`attachment; filename="${ok.filename}"`)
        const [header, ...rows] = parseCsv(text)
        expect(header).toEqual([...ok.columns])
        for (const row of rows) expect(row).toHaveLength(ok.columns.length)
      } else if (ok.kind === 'xml') {
        expect(type).toMatch(/^application\/xml/)
        expect(() => create(text)).not.toThrow()
      } else {
        expect(JSON.parse(text)).toMatchObject({ openapi: '3.1.0' })
      }

      // The same request with the tag the client holds: 304 and no body.
      const again = await callApi(endpoint.path, params, query, { 'If-None-Match': etag! })
      expect(again.status).toBe(304)
      expect(again.headers.get('ETag')).toBe(etag)
      expect(await again.text()).toBe('')
      const other = await callApi(endpoint.path, params, query, { 'If-None-Match': 'W/"something-else"' })
      expect(other.status).toBe(200)
    })
  }

  const badQuery: Record<string, string> = {
    '/taxonomy': 'lang=xx',
    '/requests': 'objective=99',
    '/requests.csv': 'country=ZZZ',
    '/offers': 'kind=grants',
    '/offers.csv': 'status=closed',
    '/projects': 'pageSize=101',
    '/projects.csv': 'status=unknown',
    '/practices': 'region=999',
    '/practices.csv': 'objective=0',
  }
  for (const endpoint of endpoints.filter((e) => e.errors.length)) {
    test(`GET ${endpoint.path}: the errors it declares have the declared body`, async () => {
      for (const status of endpoint.errors) {
        const response =
          status === 400
            ? endpoint.pathParams
              ? await callApi(endpoint.path, { id: 'not-a-uuid' })
              : await callApi(endpoint.path, {}, badQuery[endpoint.path])
            : await callApi(endpoint.path, { id: '00000000-0000-4000-8000-000000000000' })
        expect(response.status, String(status)).toBe(status)
        expect(response.headers.get('Cache-Control')).toBe('no-store')
        expect(response.headers.get('ETag')).toBeNull()
        const parsed = ApiErrorSchema.safeParse(await response.json())
        expect(parsed.error?.issues ?? []).toEqual([])
      }
    })
  }
})
