import { stringify } from 'csv-stringify/sync'
import { openData } from '~/http/open-data.server'
import { publicLedgerEntries } from '~/domain/fund/public.server'
import { csvText, decimalAmount } from '~/domain/open-data/csv'
import { csvResponse } from '~/http/api.server'
import { db } from '~/utils/db.server'

const columns = ['date', 'transaction_id', 'kind', 'reference', 'project_id', 'milestone_id', 'account', 'amount', 'currency']

/**
 * GET /api/v1/fund/transactions.csv: every ledger transaction, one row per entry, oldest first (RFC 4180, UTF-8).
 * No person can be identified: individual donors' accounts read `donor:individual`, anonymous ones `donor:anonymous`.
 */
export const loader = openData(async () => {
  const entries = await publicLedgerEntries(db)
  const body = stringify(
    entries.map((e) => [e.createdAt.toISOString(), e.transactionId, e.kind, csvText(e.reference), e.projectId ?? '', e.milestoneId ?? '', e.account, decimalAmount(e.amount, e.currency), e.currency]),
    { header: true, columns, record_delimiter: 'windows', quote_record_delimiter: true },
  )
  return csvResponse(body, 'fund-transactions.csv', { maxAgeSeconds: 300 })
})
