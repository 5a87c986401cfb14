import { stringify } from 'csv-stringify/sync'
import { openData } from '~/domain/open-data/http.server'
import { publicLedgerEntries } from '~/domain/fund/public.server'
import { currencyExponent } from '~/domain/vocabulary/codes'
import { db } from '~/utils/db.server'

/** Minor units as a decimal string in major units ("-1234.50"), exactly, without floating point. */
function majorUnits(minor: number, currency: string) {
  const exponent = currencyExponent(currency)
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0')
  const whole = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits
  return minor < 0 ? `-${whole}` : whole
}

/** A spreadsheet would run a text starting like a formula; such references are kept as text. */
const safeText = (value: string | null) => (value && /^[=+\-@\t\r]/.test(value) ? `'${value}` : (value ?? ''))

const columns = ['date', 'transaction_id', 'kind', 'reference', 'project_id', 'milestone_id', 'account', 'amount', 'currency']

/**
 * GET /api/v1/fund/transactions.csv: every ledger transaction, one row per entry, oldest first (RFC 4180, UTF-8).
 * No person can be identified: individual donors' accounts read `donor:individual`, anonymous ones `donor:anonymous`.
 */
export const loader = openData(async () => {
  const entries = await publicLedgerEntries(db)
  const body = stringify(
    entries.map((e) => [e.createdAt.toISOString(), e.transactionId, e.kind, safeText(e.reference), e.projectId ?? '', e.milestoneId ?? '', e.account, majorUnits(e.amount, e.currency), e.currency]),
    { header: true, columns, record_delimiter: 'windows', quote_record_delimiter: true },
  )
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="fund-transactions.csv"',
      'Cache-Control': 'public, max-age=300',
      'Access-Control-Allow-Origin': '*',
    },
  })
})
