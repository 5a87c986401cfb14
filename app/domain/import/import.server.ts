import { and, eq, getTableColumns, getTableName, inArray, sql, type SQL } from 'drizzle-orm'
import {
  memberships,
  offers,
  organizations,
  requests,
  type OrganizationId,
  type OrganizationType,
  type UserId,
} from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import { offerColumns } from '../offers/offers.server'
import { requestColumns } from '../requests/requests.server'
import { ImportFileSchema, type ImportFile, type OfferEntry, type OrganizationEntry, type RequestEntry } from './format'
import { ImportError, problemsFromIssues, recordLabel } from './problems'

export { ImportError } from './problems'

export interface ImportCounts {
  created: number
  updated: number
}
export interface ImportReport {
  organizations: ImportCounts
  requests: ImportCounts
  offers: ImportCounts
}

/** Rows per statement: one JSON parameter of about a megabyte. */
const BATCH = 1000

class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run')
  }
}

/**
 * Upserts the organisations, requests and offers of an import file by `key`, in one transaction: every record
 * is checked first (shape, then the form's own schema, then references), and any problem rejects the whole
 * file with an ImportError before anything is written. Requests and offers are stored with the same column
 * mapping as the forms (requestColumns/offerColumns), so derived columns such as regions and minor units match.
 */
export async function importData(db: Db, data: unknown, options: { dryRun?: boolean } = {}): Promise<ImportReport> {
  const parsed = ImportFileSchema.safeParse(data)
  if (!parsed.success) throw new ImportError(problemsFromIssues(data, parsed.error.issues))
  const file = parsed.data
  try {
    return await db.transaction(async (tx) => {
      const known = await organizationsInScope(tx, data, file)
      const now = new Date()
      const report = {
        organizations: await upsertOrganizations(tx, file.organizations, known, now),
        requests: { created: 0, updated: 0 },
        offers: { created: 0, updated: 0 },
      }
      const owners = await ownersOf(tx, [...known.values()].map((o) => o.id!))
      const context = { known, owners, now }
      report.requests = await upsertRequests(tx, file.requests, context)
      report.offers = await upsertOffers(tx, file.offers, context)
      if (options.dryRun) throw new DryRun(report)
      return report
    })
  } catch (error) {
    if (error instanceof DryRun) return error.report
    throw error
  }
}

export function describeReport(report: ImportReport) {
  return (Object.keys(report) as (keyof ImportReport)[])
    .map((kind) => `${kind}: ${report[kind].created} created, ${report[kind].updated} updated`)
    .join('; ')
}

interface KnownOrganization {
  id?: OrganizationId
  type: OrganizationType
  verified: boolean
}

const requestingTypes: ReadonlySet<OrganizationType> = new Set(['state', 'local_authority'])

/**
 * The organisations records refer to, from the file or already in the database; a reference to neither, a
 * request from a non-State, or a non-draft record of an unverified organisation rejects the import.
 */
async function organizationsInScope(tx: Db, data: unknown, file: ImportFile) {
  const known = new Map<string, KnownOrganization>(file.organizations.map((o) => [o.key, { type: o.type, verified: o.verified }]))
  const referenced = [...new Set([...file.requests, ...file.offers].map((r) => r.organization))]
  const missing = referenced.filter((key) => !known.has(key))
  const existing = missing.length
    ? await tx
        .select({ id: organizations.id, slug: organizations.slug, type: organizations.type, status: organizations.verificationStatus })
        .from(organizations)
        .where(inArray(organizations.slug, missing))
    : []
  for (const o of existing) known.set(o.slug, { id: o.id, type: o.type, verified: o.status === 'verified' })

  const problems: string[] = []
  const check = (collection: 'requests' | 'offers', records: readonly (RequestEntry | OfferEntry)[]) =>
    records.forEach((record, index) => {
      const where = `${recordLabel(data, collection, index)}.organization`
      const org = known.get(record.organization)
      if (!org) problems.push(`${where}: No organisation with key "${record.organization}" in the file or the database.`)
      else if (collection === 'requests' && !requestingTypes.has(org.type)) {
        problems.push(`${where}: Only States and local authorities post requests ("${record.organization}" is ${org.type}).`)
      } else if (record.status !== 'draft' && !org.verified) {
        problems.push(`${where}: "${record.organization}" is not verified, so only drafts can be imported for it.`)
      }
    })
  check('requests', file.requests)
  check('offers', file.offers)
  if (problems.length) throw new ImportError(problems)
  return known
}

function inBatches<T>(rows: readonly T[]) {
  const batches: T[][] = []
  for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH))
  return batches
}

type ImportedTable = typeof organizations | typeof requests | typeof offers

interface UpsertSpec {
  table: ImportedTable
  /** The unique column rows are matched on. */
  conflict: 'slug' | 'key'
  /** Audit-log entity type. */
  entityType: string
  /** Columns whose update is not simply `excluded.column`, by property name. */
  onUpdate?: Record<string, SQL>
}

/**
 * One statement per batch: the rows travel as one JSON parameter (building tens of thousands of bound
 * parameters costs more than the insert itself), are upserted on their key, and each gets its audit row.
 */
async function upsertBatch(tx: Db, spec: UpsertSpec, rows: readonly Record<string, unknown>[], counts: ImportCounts) {
  const columns = getTableColumns(spec.table) as Record<string, { name: string }>
  const properties = Object.keys(rows[0]!)
  const names = properties.map((p) => columns[p]!.name)
  const payload = rows.map((row) => Object.fromEntries(properties.map((p, i) => [names[i], row[p]])))
  const table = sql.identifier(getTableName(spec.table))
  const list = sql.join(names.map((n) => sql.identifier(n)), sql`, `)
  const updates = properties
    .filter((p) => columns[p]!.name !== spec.conflict)
    .map((p) => sql`${sql.identifier(columns[p]!.name)} = ${spec.onUpdate?.[p] ?? sql`excluded.${sql.identifier(columns[p]!.name)}`}`)
  const result = await tx.execute<{ id: string; key: string; inserted: boolean }>(sql`
    with upserted as (
      insert into ${table} (${list})
      select ${list} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(payload)}::jsonb)
      on conflict (${sql.identifier(spec.conflict)}) do update set ${sql.join(updates, sql`, `)}
      returning id, ${sql.identifier(spec.conflict)} as key, (xmax = 0) as inserted
    ), audited as (
      insert into audit_log (actor_id, action, entity_type, entity_id, summary)
      select null, case when inserted then 'import.created' else 'import.updated' end, ${spec.entityType}, id::text,
        jsonb_build_object('key', key)
      from upserted
    )
    select id, key, inserted from upserted`)
  for (const row of result) counts[row.inserted ? 'created' : 'updated'] += 1
  return Array.from(result)
}

/**
 * A timestamp the file did not give defaults to the import's `now`; on update such a default keeps the
 * stored moment, so importing the same file twice does not move a request's publication date.
 */
function keepStamp(table: string, column: string, now: Date) {
  const existing = sql`${sql.identifier(table)}.${sql.identifier(column)}`
  const incoming = sql`excluded.${sql.identifier(column)}`
  return sql`case when ${incoming} = ${now.toISOString()}::timestamptz then coalesce(${existing}, ${incoming}) else ${incoming} end`
}

async function upsertOrganizations(tx: Db, entries: readonly OrganizationEntry[], known: Map<string, KnownOrganization>, now: Date) {
  const counts = { created: 0, updated: 0 }
  const spec: UpsertSpec = {
    table: organizations,
    conflict: 'slug',
    entityType: 'organization',
    onUpdate: {
      // Verified before and still verified: keep who verified it and when.
      verifiedAt: sql`case when excluded.verification_status = 'verified' then coalesce(organizations.verified_at, excluded.verified_at) end`,
      verifiedBy: sql`case when excluded.verification_status = 'verified' then organizations.verified_by end`,
    },
  }
  for (const batch of inBatches(entries)) {
    const rows = batch.map((o) => ({
      slug: o.key,
      name: o.name,
      type: o.type,
      country: o.country ?? null,
      website: o.website ?? null,
      description: o.description ?? '',
      verificationStatus: o.verified ? 'verified' : 'pending',
      verifiedAt: o.verified ? now : null,
      verifiedBy: null,
      updatedAt: now,
    }))
    for (const row of await upsertBatch(tx, spec, rows, counts)) known.get(row.key)!.id = row.id as OrganizationId
  }
  return counts
}

/** The first owner of each organisation is recorded as the author of what the import adds for it. */
async function ownersOf(tx: Db, organizationIds: OrganizationId[]) {
  if (organizationIds.length === 0) return new Map<OrganizationId, UserId>()
  const rows = await tx
    .selectDistinctOn([memberships.organizationId], { organizationId: memberships.organizationId, userId: memberships.userId })
    .from(memberships)
    .where(and(inArray(memberships.organizationId, organizationIds), eq(memberships.role, 'owner')))
    .orderBy(memberships.organizationId, memberships.createdAt)
  return new Map(rows.map((r) => [r.organizationId, r.userId]))
}

interface WriteContext {
  known: Map<string, KnownOrganization>
  owners: Map<OrganizationId, UserId>
  now: Date
}

function authorship(context: WriteContext, organizationKey: string) {
  const organizationId = context.known.get(organizationKey)!.id!
  return { organizationId, createdBy: context.owners.get(organizationId) ?? null }
}

const publishedRequestStatuses = new Set(['published', 'matched', 'in_project', 'completed'])
const closedRequestStatuses = new Set(['withdrawn', 'closed'])

/** Lifecycle timestamps consistent with the status (the database checks them too). */
function requestStamps(entry: RequestEntry, now: Date) {
  const published = publishedRequestStatuses.has(entry.status)
  const closed = closedRequestStatuses.has(entry.status)
  const publishedAt = entry.publishedAt ?? (published ? now : null)
  const submittedAt = entry.submittedAt ?? (entry.status === 'draft' || closed ? null : (entry.publishedAt ?? now))
  return { submittedAt, publishedAt, closedAt: entry.closedAt ?? (closed ? now : null) }
}

async function upsertRequests(tx: Db, entries: readonly RequestEntry[], context: WriteContext) {
  const counts = { created: 0, updated: 0 }
  const spec: UpsertSpec = {
    table: requests,
    conflict: 'key',
    entityType: 'request',
    onUpdate: {
      createdBy: sql`coalesce(requests.created_by, excluded.created_by)`,
      submittedAt: keepStamp('requests', 'submitted_at', context.now),
      publishedAt: keepStamp('requests', 'published_at', context.now),
      closedAt: keepStamp('requests', 'closed_at', context.now),
    },
  }
  for (const batch of inBatches(entries)) {
    const rows = batch.map((entry) => ({
      ...requestColumns(entry.input),
      ...authorship(context, entry.organization),
      ...requestStamps(entry, context.now),
      key: entry.key,
      status: entry.status,
      updatedAt: context.now,
    }))
    await upsertBatch(tx, spec, rows, counts)
  }
  return counts
}

async function upsertOffers(tx: Db, entries: readonly OfferEntry[], context: WriteContext) {
  const counts = { created: 0, updated: 0 }
  const spec: UpsertSpec = {
    table: offers,
    conflict: 'key',
    entityType: 'offer',
    onUpdate: {
      createdBy: sql`coalesce(offers.created_by, excluded.created_by)`,
      publishedAt: keepStamp('offers', 'published_at', context.now),
      closedAt: keepStamp('offers', 'closed_at', context.now),
    },
  }
  for (const batch of inBatches(entries)) {
    const rows = batch.map((entry) => ({
      ...offerColumns(entry.input),
      ...authorship(context, entry.organization),
      key: entry.key,
      status: entry.status,
      publishedAt: entry.publishedAt ?? (entry.status === 'active' || entry.status === 'paused' ? context.now : null),
      closedAt: entry.closedAt ?? (entry.status === 'closed' ? context.now : null),
      updatedAt: context.now,
    }))
    await upsertBatch(tx, spec, rows, counts)
  }
  return counts
}
