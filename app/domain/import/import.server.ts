import { and, eq, getTableColumns, getTableName, inArray, sql, type SQL } from 'drizzle-orm'
import { memberships, offers, organizations, requests, type OrganizationId, type OrganizationType, type UserId } from '#db/schema/index'
import { recordAudit } from '~/utils/audit.server'
import type { Db } from '~/utils/db.server'
import { offerColumns } from '../offers/offers.server'
import { requestColumns } from '../requests/requests.server'
import { ImportFileSchema, type ImportFile, type OfferEntry, type RequestEntry } from './format'
import { planOrganizations, type KnownOrganization, type OrganizationPlan } from './organizations.server'
import { reasons, type ImportCounts, type ImportReport, type RecordOutcome } from './outcomes'
import { ImportError, problemsFromIssues, recordLabel } from './problems'

export { ImportError } from './problems'
export { describeRecord, describeReport, type ImportCounts, type ImportReport, type RecordOutcome } from './outcomes'

export interface ImportOptions {
  /** Check and report what would be done, then roll everything back. */
  dryRun?: boolean
  /** Let the file act on organisations created on the web: take them over by slug, add records to them. */
  force?: boolean
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
 * file with an ImportError before anything is written. Organisations are found by their import key, never by
 * slug, so one created on the web is skipped, with its records, unless `force` is given. Requests and offers
 * are stored with the same column mapping as the forms (requestColumns/offerColumns), so derived columns such
 * as regions and minor units match. The report says, record by record, what was (or would be) done and why.
 */
export async function importData(db: Db, data: unknown, options: ImportOptions = {}): Promise<ImportReport> {
  const parsed = ImportFileSchema.safeParse(data)
  if (!parsed.success) throw new ImportError(problemsFromIssues(data, parsed.error.issues))
  const file = parsed.data
  const force = options.force ?? false
  try {
    return await db.transaction(async (tx) => {
      const referenced = [...new Set([...file.requests, ...file.offers].map((r) => r.organization))]
      const plan = await planOrganizations(tx, file.organizations, referenced, force)
      checkReferences(data, file, plan)
      const now = new Date()
      const organizationCounts = await upsertOrganizations(tx, plan, now, force)
      const owners = await ownersOf(tx, [...plan.known.values()].map((o) => o.id!))
      const context = { known: plan.known, skipped: plan.skipped, owners, now }
      const requestsDone = await upsertRequests(tx, file.requests, context)
      const offersDone = await upsertOffers(tx, file.offers, context)
      const report: ImportReport = {
        organizations: organizationCounts,
        requests: requestsDone.counts,
        offers: offersDone.counts,
        records: [...plan.outcomes, ...requestsDone.outcomes, ...offersDone.outcomes],
      }
      if (options.dryRun) throw new DryRun(report)
      return report
    })
  } catch (error) {
    if (error instanceof DryRun) return error.report
    throw error
  }
}

const requestingTypes: ReadonlySet<OrganizationType> = new Set(['state', 'local_authority'])

/**
 * Records refer to organisations of the file or already imported; a reference to neither, a request from a
 * non-State, or a non-draft record of an unverified organisation rejects the import. Records of a skipped
 * organisation are skipped with it, not checked.
 */
function checkReferences(data: unknown, file: ImportFile, { known, skipped }: OrganizationPlan) {
  const problems: string[] = []
  const check = (collection: 'requests' | 'offers', records: readonly (RequestEntry | OfferEntry)[]) =>
    records.forEach((record, index) => {
      const where = `${recordLabel(data, collection, index)}.organization`
      const org = known.get(record.organization)
      if (skipped.has(record.organization)) return
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
  conflict: 'import_key' | 'key'
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

/**
 * Verification on update: from the file, unless the secretariat decided on the web (verified_by is set) and the
 * import is not forced. Verified before and still verified: keep who verified it and when.
 */
function verificationOnUpdate(force: boolean) {
  const decidedOnWeb = force ? sql`false` : sql`organizations.verified_by is not null`
  const stillVerified = sql`excluded.verification_status = 'verified' and organizations.verification_status = 'verified'`
  return {
    verificationStatus: sql`case when ${decidedOnWeb} then organizations.verification_status else excluded.verification_status end`,
    verifiedAt: sql`case when ${decidedOnWeb} then organizations.verified_at
      when excluded.verification_status = 'verified' then coalesce(organizations.verified_at, excluded.verified_at) end`,
    verifiedBy: sql`case when ${decidedOnWeb} or ${stillVerified} then organizations.verified_by end`,
    rejectionReason: sql`case when ${decidedOnWeb} then organizations.rejection_reason end`,
    slug: sql`organizations.slug`,
  }
}

/** A web organisation the file takes over (--force) becomes the import's: its key is set, the change audited. */
async function takeOver(tx: Db, plan: OrganizationPlan) {
  for (const { entry, takeOver: id } of plan.writes) {
    if (!id) continue
    const [before] = await tx
      .update(organizations)
      .set({ importKey: entry.key })
      .where(eq(organizations.id, id))
      .returning({ name: organizations.name, type: organizations.type, country: organizations.country, status: organizations.verificationStatus })
    await recordAudit(tx, { actorId: null, action: 'import.took_over', entityType: 'organization', entityId: id, summary: { key: entry.key, before } })
  }
}

async function upsertOrganizations(tx: Db, plan: OrganizationPlan, now: Date, force: boolean): Promise<ImportCounts> {
  const counts = { created: 0, updated: 0, skipped: plan.outcomes.filter((o) => o.action === 'skip').length }
  await takeOver(tx, plan)
  const spec: UpsertSpec = { table: organizations, conflict: 'import_key', entityType: 'organization', onUpdate: verificationOnUpdate(force) }
  for (const batch of inBatches(plan.writes.map((w) => w.entry))) {
    const rows = batch.map((o) => ({
      importKey: o.key,
      slug: o.key,
      name: o.name,
      type: o.type,
      country: o.country ?? null,
      website: o.website ?? null,
      description: o.description ?? '',
      verificationStatus: o.verified ? 'verified' : 'pending',
      verifiedAt: o.verified ? now : null,
      verifiedBy: null,
      rejectionReason: null,
      updatedAt: now,
    }))
    for (const row of await upsertBatch(tx, spec, rows, counts)) plan.known.get(row.key)!.id = row.id as OrganizationId
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
  /** Organisation keys whose records are skipped, with the reason. */
  skipped: Map<string, string>
  owners: Map<OrganizationId, UserId>
  now: Date
}

/**
 * The records of one collection to write, and what happens to each: skipped with its organisation, or created
 * or updated by its key.
 */
async function planRecords<Entry extends RequestEntry | OfferEntry>(
  tx: Db,
  table: typeof requests | typeof offers,
  collection: 'requests' | 'offers',
  entries: readonly Entry[],
  context: WriteContext,
) {
  const keys = entries.map((e) => e.key)
  const existing = new Set<string>()
  for (const batch of inBatches(keys)) {
    const rows = await tx.select({ key: table.key }).from(table).where(inArray(table.key, batch))
    for (const row of rows) if (row.key) existing.add(row.key)
  }
  const outcomes: RecordOutcome[] = entries.map((entry) => {
    const skipped = context.skipped.get(entry.organization)
    if (skipped) return { collection, key: entry.key, action: 'skip', reason: skipped }
    return existing.has(entry.key)
      ? { collection, key: entry.key, action: 'update', reason: reasons.imported }
      : { collection, key: entry.key, action: 'create', reason: reasons.new }
  })
  const written = entries.filter((entry) => !context.skipped.has(entry.organization))
  return { outcomes, written, counts: { created: 0, updated: 0, skipped: entries.length - written.length } }
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
  const { outcomes, written, counts } = await planRecords(tx, requests, 'requests', entries, context)
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
  for (const batch of inBatches(written)) {
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
  return { counts, outcomes }
}

async function upsertOffers(tx: Db, entries: readonly OfferEntry[], context: WriteContext) {
  const { outcomes, written, counts } = await planRecords(tx, offers, 'offers', entries, context)
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
  for (const batch of inBatches(written)) {
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
  return { counts, outcomes }
}
