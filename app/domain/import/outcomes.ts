/** What the import does with each record of a file, and why; a dry run reports it without writing. */

export type ImportCollection = 'organizations' | 'requests' | 'offers'
export type ImportAction = 'create' | 'update' | 'skip'

export interface RecordOutcome {
  collection: ImportCollection
  key: string
  action: ImportAction
  reason: string
}

export interface ImportCounts {
  created: number
  updated: number
  skipped: number
}

export interface ImportReport {
  organizations: ImportCounts
  requests: ImportCounts
  offers: ImportCounts
  /** Every record of the file, in the file's order (organisations, requests, offers). */
  records: RecordOutcome[]
}

export const reasons = {
  new: 'new key',
  imported: 'already imported with this key',
  decisionKept: 'already imported with this key; the secretariat’s verification decision on the web is kept (--force overrides it)',
  webOrganization: 'an organisation created on the web has this slug; the import leaves it alone (--force takes it over)',
  forced: 'created on the web; taken over by --force (identity and verification from the file)',
  webReference: 'its organisation was created on the web; records are added to it only with --force',
  otherImportKey: (owner: string) => `this slug belongs to the organisation imported as "${owner}"`,
  organizationSkipped: (key: string) => `its organisation "${key}" is skipped`,
}

const kinds: ImportCollection[] = ['organizations', 'requests', 'offers']

export function describeReport(report: ImportReport) {
  return kinds
    .map((kind) => {
      const { created, updated, skipped } = report[kind]
      return `${kind}: ${created} created, ${updated} updated${skipped ? `, ${skipped} skipped` : ''}`
    })
    .join('; ')
}

/** One line a record: `skip    organizations "nairobi": an organisation created on the web has this slug; …`. */
export const describeRecord = (record: RecordOutcome) => `${record.action.padEnd(7)} ${record.collection} "${record.key}": ${record.reason}`
