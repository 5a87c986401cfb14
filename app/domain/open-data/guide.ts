import type { TFunction } from 'i18next'
import { iatiIdentifier } from './iati'
import { endpoints, exampleUrl, mediaType, modelName, modelSchemas, parametersOf, type Endpoint } from './openapi'
import { dynamicKey } from '~/utils/i18n'
import { absoluteUrl, urls } from '~/utils/urls'

/**
 * The /developers page's content, read from the same registry as the OpenAPI document: every endpoint with its
 * parameters, answer and example, and every data model with its fields, described in the reader's language.
 */

type Json = Record<string, unknown>

export interface TypeInfo {
  /** A JSON Schema type word (string, integer…), with the format in brackets; empty for a model. */
  type: string
  /** The named model it is (or lists), linked on the page. */
  model: string | null
  array: boolean
  nullable: boolean
  values: string[] | null
}

export interface GuideField extends TypeInfo {
  path: string
  required: boolean
  description: string
}

const refName = (node: Json) => (typeof node.$ref === 'string' ? node.$ref.split('/').at(-1)! : null)

export function typeOf(node: Json): TypeInfo {
  const anyOf = node.anyOf as Json[] | undefined
  if (anyOf) {
    const kept = anyOf.filter((s) => s.type !== 'null')
    const inner = typeOf(kept.length === 1 ? kept[0]! : { type: kept.map((s) => s.type).join(' | ') })
    return { ...inner, nullable: inner.nullable || kept.length < anyOf.length }
  }
  const types = Array.isArray(node.type) ? (node.type as string[]) : [node.type as string | undefined]
  const nullable = types.includes('null')
  const base = types.filter((x) => x && x !== 'null').join(' | ')
  if (base === 'array') {
    const item = typeOf((node.items as Json | undefined) ?? {})
    return { ...item, array: true, nullable }
  }
  const model = refName(node)
  const values = Array.isArray(node.enum) ? (node.enum as unknown[]).map(String) : node.const !== undefined ? [String(node.const)] : null
  const format = typeof node.format === 'string' ? ` (${node.format})` : ''
  return { type: model ? '' : `${base || 'any'}${format}`, model, array: false, nullable, values }
}

/** A model's fields, nested ones as dotted paths (`organization.name`, `indicators[].unit`); named models are not expanded. */
function fieldsOf(node: Json, describe: (path: string[]) => string, path: string[] = []): GuideField[] {
  const properties = (node.properties ?? {}) as Record<string, Json>
  const required = new Set((node.required ?? []) as string[])
  return Object.entries(properties).flatMap(([name, child]) => {
    const here = [...path, name]
    const info = typeOf(child)
    const row: GuideField = { ...info, path: here.join('.').replaceAll('.[]', '[]'), required: required.has(name), description: describe(here) }
    // Descend into inline objects, directly or in a list or behind a null.
    const inner = [child, child.items as Json | undefined, ...((child.anyOf as Json[] | undefined) ?? [])].find((s) => s && s.properties) as Json | undefined
    const isList = child.type === 'array' || (child.anyOf as Json[] | undefined)?.some((s) => s.type === 'array')
    return [row, ...(inner && !info.model ? fieldsOf(inner, describe, isList ? [...here, '[]'] : here) : [])]
  })
}

export interface GuideEndpoint {
  id: string
  path: string
  summary: string
  description: string
  returns: string
  mediaType: string
  model: string | null
  columns: { name: string; description: string }[] | null
  parameters: (TypeInfo & { name: string; where: 'query' | 'path'; required: boolean; description: string })[]
  errors: number[]
  example: string
}

function curl(endpoint: Endpoint, origin: string) {
  const url = exampleUrl(endpoint, origin)
  if (endpoint.ok.kind === 'csv') return `curl -o ${endpoint.ok.filename} '${url}'`
  if (endpoint.ok.kind === 'xml') return `curl -o iati-activities.xml '${url}'`
  return `curl '${url}'`
}

export function developerGuide(t: TFunction, origin: string) {
  const schemas = modelSchemas(t)
  const describeColumn = (name: string) => t(dynamicKey(`developers.columns.${name}`))
  const guideEndpoints: GuideEndpoint[] = endpoints.map((e) => ({
    id: e.id,
    path: urls.api(e.path),
    summary: t(dynamicKey(`developers.endpoints.${e.id}.summary`)),
    description: t(dynamicKey(`developers.endpoints.${e.id}.description`)),
    returns: t(dynamicKey(`developers.endpoints.${e.id}.returns`)),
    mediaType: mediaType(e.ok),
    model: e.ok.kind === 'json' ? modelName(e.ok.schema) : null,
    columns: e.ok.kind === 'csv' ? e.ok.columns.map((name) => ({ name, description: describeColumn(name) })) : null,
    parameters: parametersOf(e, t).map((p) => ({ ...typeOf(p.schema), name: p.name, where: p.in, required: p.required, description: p.description })),
    errors: [...e.errors, 429],
    example: curl(e, origin),
  }))
  const groups = [...new Set(endpoints.map((e) => e.group))].map((group) => ({
    name: group,
    title: t(`developers.groups.${group}`),
    endpoints: guideEndpoints.filter((e) => endpoints.find((x) => x.id === e.id)?.group === group),
  }))
  const models = Object.entries(schemas).map(([name, schema]) => ({
    name,
    fields: fieldsOf(schema, (path) => describeAt(schema, path)),
  }))
  return { origin, documentUrl: absoluteUrl(origin, urls.api('/openapi.json')), iatiPrefix: iatiIdentifier(''), groups, models }
}

/** The description the document already carries at a path of a model. */
function describeAt(schema: Json, path: string[]): string {
  let node: Json | undefined = schema
  for (const name of path) {
    if (!node) return ''
    if (name === '[]') {
      node = node.items as Json | undefined
      continue
    }
    const holder: Json | undefined = [node, ...((node.anyOf as Json[] | undefined) ?? [])].find((s) => s.properties) ?? (node.items as Json | undefined)
    node = (holder?.properties as Record<string, Json> | undefined)?.[name]
  }
  return typeof node?.description === 'string' ? node.description : ''
}
