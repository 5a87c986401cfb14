import type { TFunction } from 'i18next'
import { z } from 'zod'
import { DashboardResponseSchema } from '../dashboards/schemas'
import { PracticeApiItem, PracticeApiList } from '../practices/api-schemas'
import { ProjectFilterSchema } from '../projects/listing.server'
import { browseParamSchema } from '../catalogue/filters'
import { facetParams, listingFacets, type FacetParam, type Listing } from '../catalogue/params'
import { offerColumns, practiceColumns, projectColumns, requestColumns } from './csv'
import {
  FundSchema,
  ItemPathSchema,
  models,
  OfferDetailSchema,
  OfferPageSchema,
  ProjectDetailSchema,
  ProjectPageSchema,
  RequestDetailSchema,
  RequestPageSchema,
  TaxonomyQuerySchema,
  TaxonomySchema,
} from './schemas'
import { dynamicKey } from '~/utils/i18n'
import { absoluteUrl, urls } from '~/utils/urls'

/**
 * Every /api/v1 endpoint, declared once: its path, the zod schemas its route parses parameters with, and the zod
 * schema of what it answers. The OpenAPI document (GET /api/v1/openapi.json) and the /developers page are both
 * generated from this list, and the integration tests call every path in it and parse the answers with the same
 * schemas.
 */

export type Content =
  | { kind: 'json'; schema: z.ZodType }
  | { kind: 'csv'; columns: readonly string[]; filename: string }
  | { kind: 'xml' }
  | { kind: 'openapi' }

export interface Endpoint {
  /** The operationId; also names the endpoint's strings (`developers.endpoints.<id>`). */
  id: string
  /** Relative to the server URL (…/api/v1), with `{name}` for path parameters. */
  path: `/${string}`
  group: 'vocabulary' | 'requests' | 'offers' | 'projects' | 'fund' | 'practices' | 'dashboards' | 'iati' | 'about'
  query?: z.ZodObject
  pathParams?: z.ZodObject
  ok: Content
  errors: (400 | 404)[]
  /** Parameter values for the examples (curl lines) and the document. */
  example: Record<string, string>
}

/** The licence of everything the open-data API publishes. */
export const openDataLicence = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' } as const
export const API_VERSION = '1.0.0'

/** The parameters a listing reads: those of its facets, besides the search words, order and page. */
const listQuery = (listing: Listing) => {
  const offered = new Set<string>(listingFacets[listing])
  const ignored = facetParams.filter((param) => !offered.has(param))
  return browseParamSchema(listing).omit(Object.fromEntries(ignored.map((param) => [param, true])) as Partial<Record<FacetParam, true>>)
}
const unpaged = <T extends z.ZodObject>(schema: T) => schema.omit({ page: true, pageSize: true })
const names = (columns: readonly { name: string }[]) => columns.map((c) => c.name)
/** The columns of the fund's download, written by its route (app/routes/api.v1.fund.transactions[.]csv.ts). */
const fundTransactionColumns = ['date', 'transaction_id', 'kind', 'reference', 'project_id', 'milestone_id', 'account', 'amount', 'currency'] as const
const exampleId = '3f8e2a1c-5b7d-4e9f-8a6b-2c1d0e9f8a7b'

// The knowledge platform's models (app/domain/practices), named in the document like the others.
models.add(PracticeApiItem, { id: 'Practice' })
models.add(PracticeApiList, { id: 'PracticePage' })
models.add(DashboardResponseSchema, { id: 'Dashboards' })

export const endpoints: Endpoint[] = [
  { id: 'taxonomy', path: '/taxonomy', group: 'vocabulary', query: TaxonomyQuerySchema, ok: { kind: 'json', schema: TaxonomySchema }, errors: [400], example: { lang: 'fr' } },
  { id: 'listRequests', path: '/requests', group: 'requests', query: listQuery('requests'), ok: { kind: 'json', schema: RequestPageSchema }, errors: [400], example: { objective: '20', country: 'BGD', pageSize: '10' } },
  { id: 'getRequest', path: '/requests/{id}', group: 'requests', pathParams: ItemPathSchema, ok: { kind: 'json', schema: RequestDetailSchema }, errors: [404], example: { id: exampleId } },
  { id: 'requestsCsv', path: '/requests.csv', group: 'requests', query: unpaged(listQuery('requests')), ok: { kind: 'csv', columns: names(requestColumns), filename: 'requests.csv' }, errors: [400], example: { objective: '20' } },
  { id: 'listOffers', path: '/offers', group: 'offers', query: listQuery('offers'), ok: { kind: 'json', schema: OfferPageSchema }, errors: [400], example: { kind: 'financing', region: '142' } },
  { id: 'getOffer', path: '/offers/{id}', group: 'offers', pathParams: ItemPathSchema, ok: { kind: 'json', schema: OfferDetailSchema }, errors: [404], example: { id: exampleId } },
  { id: 'offersCsv', path: '/offers.csv', group: 'offers', query: unpaged(listQuery('offers')), ok: { kind: 'csv', columns: names(offerColumns), filename: 'offers.csv' }, errors: [400], example: { supportType: 'technical_assistance' } },
  { id: 'listProjects', path: '/projects', group: 'projects', query: ProjectFilterSchema, ok: { kind: 'json', schema: ProjectPageSchema }, errors: [400], example: { objective: '3', status: 'active' } },
  { id: 'getProject', path: '/projects/{id}', group: 'projects', pathParams: ItemPathSchema, ok: { kind: 'json', schema: ProjectDetailSchema }, errors: [400, 404], example: { id: exampleId } },
  { id: 'projectsCsv', path: '/projects.csv', group: 'projects', query: unpaged(ProjectFilterSchema), ok: { kind: 'csv', columns: names(projectColumns), filename: 'projects.csv' }, errors: [400], example: { country: 'KEN' } },
  { id: 'fund', path: '/fund', group: 'fund', ok: { kind: 'json', schema: FundSchema }, errors: [], example: {} },
  { id: 'fundTransactionsCsv', path: '/fund/transactions.csv', group: 'fund', ok: { kind: 'csv', columns: fundTransactionColumns, filename: 'fund-transactions.csv' }, errors: [], example: {} },
  { id: 'listPractices', path: '/practices', group: 'practices', query: listQuery('practices'), ok: { kind: 'json', schema: PracticeApiList }, errors: [400], example: { objective: '6' } },
  { id: 'getPractice', path: '/practices/{id}', group: 'practices', pathParams: ItemPathSchema, ok: { kind: 'json', schema: PracticeApiItem }, errors: [400, 404], example: { id: exampleId } },
  { id: 'practicesCsv', path: '/practices.csv', group: 'practices', query: unpaged(listQuery('practices')), ok: { kind: 'csv', columns: names(practiceColumns), filename: 'practices.csv' }, errors: [400], example: { country: 'KEN' } },
  // The dashboards' API answers the figures of every view at once: the page's parameters (map, sort) do not apply.
  { id: 'dashboards', path: '/dashboards', group: 'dashboards', ok: { kind: 'json', schema: DashboardResponseSchema }, errors: [], example: {} },
  { id: 'iatiActivities', path: '/iati/activities.xml', group: 'iati', ok: { kind: 'xml' }, errors: [], example: {} },
  { id: 'openapi', path: '/openapi.json', group: 'about', ok: { kind: 'openapi' }, errors: [], example: {} },
]

/* JSON Schema, tidied for readers: a format says enough without its regular expression, and objects may gain fields. */

type Json = Record<string, unknown>
const SAFE = Number.MAX_SAFE_INTEGER
function tidy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(tidy)
  if (!node || typeof node !== 'object') return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$schema' || key === '$id') continue
    if (key === 'pattern' && typeof (node as Json).format === 'string') continue
    if (key === 'additionalProperties' && value === false) continue
    if ((key === 'minimum' && value === -SAFE) || (key === 'maximum' && value === SAFE)) continue
    out[key] = tidy(value)
  }
  return out
}

/** A parameter's schema without `null` (absent is how a query says "none"). */
function parameterSchema(schema: z.ZodType): Json {
  // What the parameter means once read (a page is an integer), unless that cannot be said; then what is accepted.
  const as = (io: 'input' | 'output') => tidy(z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' })) as Json
  const output = as('output')
  const json = Object.keys(output).length ? output : as('input')
  const anyOf = json.anyOf as Json[] | undefined
  const kept = anyOf?.filter((s) => s.type !== 'null')
  return kept?.length === 1 ? kept[0]! : json
}

export interface ParameterDoc {
  name: string
  in: 'query' | 'path'
  required: boolean
  schema: Json
  description: string
  example?: string
}

function parametersOf(endpoint: Endpoint, t: TFunction): ParameterDoc[] {
  const describe = (name: string) => t([`developers.parameters.${endpoint.group}.${name}`, `developers.parameters.${name}`].map((key) => dynamicKey(key)))
  const from = (shape: z.ZodObject | undefined, where: 'query' | 'path') =>
    Object.entries(shape?.shape ?? {}).map(([name, schema]) => ({
      name,
      in: where,
      required: where === 'path',
      schema: parameterSchema(schema as z.ZodType),
      description: describe(name),
      ...(endpoint.example[name] !== undefined ? { example: endpoint.example[name] } : {}),
    }))
  return [...from(endpoint.pathParams, 'path'), ...from(endpoint.query, 'query')]
}

const fieldKey = (path: string[]) => path.filter((p) => p !== '[]').join('_')
/** A field's description: for this model, else for this path in any model, else for any field of that name. */
export const describeField = (t: TFunction, model: string, path: string[]) =>
  t([`developers.fields.${model}.${fieldKey(path)}`, `developers.fields.${fieldKey(path)}`, `developers.fields.${path.at(-1)}`].map((key) => dynamicKey(key)))

/** Adds each property's description, from the field's strings, throughout a model's schema. */
function describeProperties(node: Json, t: TFunction, model: string, path: string[] = []): Json {
  const out: Json = { ...node }
  if (node.properties) {
    out.properties = Object.fromEntries(
      Object.entries(node.properties as Record<string, Json>).map(([name, child]) => [
        name,
        { ...describeProperties(child, t, model, [...path, name]), description: describeField(t, model, [...path, name]) },
      ]),
    )
  }
  if (node.items) out.items = describeProperties(node.items as Json, t, model, [...path, '[]'])
  if (node.anyOf) out.anyOf = (node.anyOf as Json[]).map((s) => describeProperties(s, t, model, path))
  return out
}

/** The models (components.schemas), described in the reader's language. */
export function modelSchemas(t: TFunction) {
  const { schemas } = z.toJSONSchema(models, { target: 'draft-2020-12', uri: (id) => `#/components/schemas/${id}` })
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, describeProperties(tidy(schema) as Json, t, id)]))
}

export const modelName = (schema: z.ZodType) => models.get(schema)?.id ?? null

const mediaType = (ok: Content) => (ok.kind === 'csv' ? 'text/csv' : ok.kind === 'xml' ? 'application/xml' : 'application/json')
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

function okResponse(endpoint: Endpoint, t: TFunction) {
  const { ok } = endpoint
  const schema = ok.kind === 'json' ? ref(modelName(ok.schema) ?? 'unknown') : ok.kind === 'openapi' ? { type: 'object' } : { type: 'string' }
  const headers: Json = { ETag: { $ref: '#/components/headers/ETag' }, 'Cache-Control': { $ref: '#/components/headers/CacheControl' } }
  if (ok.kind === 'csv') headers['Content-Disposition'] = { $ref: '#/components/headers/ContentDisposition' }
  const columns = ok.kind === 'csv' ? ` ${t('developers.document.columns', { columns: ok.columns.join(', ') })}` : ''
  return { description: `${t(dynamicKey(`developers.endpoints.${endpoint.id}.returns`))}${columns}`, headers, content: { [mediaType(ok)]: { schema } } }
}

/**
 * An example as the parameter's schema types it: the examples are written as they appear in a URL (strings),
 * while the document says a page size is an integer and a repeated parameter an array.
 */
function typedExample(schema: Json, example: string): unknown {
  if (schema.type === 'array') return [typedExample((schema.items as Json | undefined) ?? {}, example)]
  if (schema.type === 'integer' || schema.type === 'number') return Number(example)
  if (schema.type === 'boolean') return example === 'true'
  return example
}

/** The OpenAPI 3.1 document of the API, in English, with links on `origin`. */
export function openApiDocument(origin: string, t: TFunction) {
  const error = (status: 400 | 404) => ({ description: t(`developers.document.status${status}`), content: { 'application/json': { schema: ref('Error') } } })
  const paths: Json = {}
  for (const endpoint of endpoints) {
    const responses: Json = { '200': okResponse(endpoint, t), '304': { description: t('developers.document.status304') } }
    for (const status of endpoint.errors) responses[String(status)] = error(status)
    responses['429'] = {
      description: t('developers.document.status429'),
      headers: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
      content: { 'application/json': { schema: ref('RateLimited') } },
    }
    paths[endpoint.path] = {
      get: {
        operationId: endpoint.id,
        tags: [endpoint.group],
        summary: t(dynamicKey(`developers.endpoints.${endpoint.id}.summary`)),
        description: t(dynamicKey(`developers.endpoints.${endpoint.id}.description`)),
        parameters: parametersOf(endpoint, t).map(({ example, ...p }) => {
          const array = p.schema.type === 'array'
          return { ...p, ...(example !== undefined ? { example: typedExample(p.schema, example) } : {}), ...(array ? { style: 'form', explode: true } : {}) }
        }),
        // Every operation is open: no sign-in, no key (declared, so that clients and linters need not guess).
        security: [],
        responses,
      },
    }
  }
  const groups = [...new Set(endpoints.map((e) => e.group))]
  return {
    openapi: '3.1.0',
    info: {
      title: t('developers.document.title'),
      version: API_VERSION,
      summary: t('developers.document.summary'),
      description: t('developers.document.description'),
      license: openDataLicence,
    },
    servers: [{ url: `${origin}/api/v1` }],
    externalDocs: { description: t('developers.document.guide'), url: absoluteUrl(origin, urls.developers()) },
    tags: groups.map((name) => ({ name, description: t(`developers.groups.${name}`) })),
    paths,
    components: {
      schemas: modelSchemas(t),
      headers: {
        ETag: { description: t('developers.document.etag'), schema: { type: 'string' } },
        CacheControl: { description: t('developers.document.cacheControl'), schema: { type: 'string' } },
        ContentDisposition: { description: t('developers.document.contentDisposition'), schema: { type: 'string' } },
        RetryAfter: { description: t('developers.document.retryAfter'), schema: { type: 'integer', minimum: 1 } },
      },
    },
  }
}

/** The example URL of an endpoint: its path with the example values in, then the example query. */
export function exampleUrl(endpoint: Endpoint, origin: string) {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(endpoint.example[name] ?? name)) as Endpoint['path']
  const query = Object.fromEntries(Object.entries(endpoint.example).filter(([name]) => !endpoint.pathParams?.shape[name]))
  return absoluteUrl(origin, urls.api(path, query))
}

export { parametersOf, mediaType }
