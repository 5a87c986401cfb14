import { inArray, or } from 'drizzle-orm'
import { organizations, type OrganizationId, type OrganizationType } from '#db/schema/index'
import type { Db } from '~/utils/db.server'
import type { OrganizationEntry } from './format'
import { reasons, type RecordOutcome } from './outcomes'

/** An organisation records of the file may be stored under. */
export interface KnownOrganization {
  id?: OrganizationId
  type: OrganizationType
  verified: boolean
}

/** A record of the file the import writes to `organizations`. */
export interface OrganizationWrite {
  entry: OrganizationEntry
  action: 'create' | 'update'
  /** A web organisation taken over with --force: its import key is set first. */
  takeOver?: OrganizationId
}

export interface OrganizationPlan {
  /** Keys records may refer to, and what they name. */
  known: Map<string, KnownOrganization>
  /** Keys whose requests and offers are skipped, with the reason. */
  skipped: Map<string, string>
  writes: OrganizationWrite[]
  outcomes: RecordOutcome[]
}

interface Stored {
  id: OrganizationId
  slug: string
  importKey: string | null
  type: OrganizationType
  verified: boolean
  /** The secretariat verified or rejected it on the web. */
  decidedOnWeb: boolean
}

/** The stored organisations `keys` may name: by import key, and by slug to recognise those created on the web. */
async function storedFor(tx: Db, keys: string[]) {
  const rows = keys.length
    ? await tx
        .select({
          id: organizations.id,
          slug: organizations.slug,
          importKey: organizations.importKey,
          type: organizations.type,
          status: organizations.verificationStatus,
          verifiedBy: organizations.verifiedBy,
        })
        .from(organizations)
        .where(or(inArray(organizations.importKey, keys), inArray(organizations.slug, keys)))
    : []
  const stored = rows.map(({ status, verifiedBy, ...row }): Stored => ({ ...row, verified: status === 'verified', decidedOnWeb: verifiedBy !== null }))
  return {
    byImportKey: new Map(stored.filter((o) => o.importKey !== null).map((o) => [o.importKey!, o])),
    bySlug: new Map(stored.map((o) => [o.slug, o])),
  }
}

/**
 * Which organisation each key of the file names, and what the import may do to it. The import finds its own
 * organisations by their import key, never by slug: an organisation created on the web keeps its name, type,
 * country and verification, and gets no records from the file, unless `force` says the file takes it over.
 */
export async function planOrganizations(
  tx: Db,
  entries: readonly OrganizationEntry[],
  referenced: readonly string[],
  force: boolean,
): Promise<OrganizationPlan> {
  const inFile = new Set(entries.map((e) => e.key))
  const { byImportKey, bySlug } = await storedFor(tx, [...new Set([...inFile, ...referenced])])
  const plan: OrganizationPlan = { known: new Map(), skipped: new Map(), writes: [], outcomes: [] }
  const skip = (key: string, reason: string) => plan.skipped.set(key, reason)

  for (const entry of entries) {
    const { key } = entry
    const imported = byImportKey.get(key)
    const web = bySlug.get(key)
    let outcome: { action: 'create' | 'update' | 'skip'; reason: string }
    if (imported) {
      // A decision the secretariat took on the web stands against the file, unless forced.
      const keepDecision = imported.decidedOnWeb && !force
      plan.known.set(key, { id: imported.id, type: entry.type, verified: keepDecision ? imported.verified : entry.verified })
      plan.writes.push({ entry, action: 'update' })
      outcome = { action: 'update', reason: keepDecision ? reasons.decisionKept : reasons.imported }
    } else if (web?.importKey) {
      outcome = { action: 'skip', reason: reasons.otherImportKey(web.importKey) }
    } else if (web && force) {
      plan.known.set(key, { id: web.id, type: entry.type, verified: entry.verified })
      plan.writes.push({ entry, action: 'update', takeOver: web.id })
      outcome = { action: 'update', reason: reasons.forced }
    } else if (web) {
      outcome = { action: 'skip', reason: reasons.webOrganization }
    } else {
      plan.known.set(key, { type: entry.type, verified: entry.verified })
      plan.writes.push({ entry, action: 'create' })
      outcome = { action: 'create', reason: reasons.new }
    }
    if (outcome.action === 'skip') skip(key, reasons.organizationSkipped(key))
    plan.outcomes.push({ collection: 'organizations', key, ...outcome })
  }

  for (const key of referenced.filter((k) => !inFile.has(k))) {
    const imported = byImportKey.get(key)
    const web = bySlug.get(key)
    if (imported) plan.known.set(key, imported)
    else if (web?.importKey) skip(key, `${reasons.organizationSkipped(key)}: ${reasons.otherImportKey(web.importKey)}`)
    else if (web && force) plan.known.set(key, web)
    else if (web) skip(key, reasons.webReference)
  }
  return plan
}
