import { BackupError } from '#db/backup/format'
import { restoreBackup, type RestoreOptions } from '#db/backup/restore'
import { checkLedger } from '~/domain/ledger/ledger.server'
import { enqueueSuggestionRefresh } from '~/domain/matching/suggestions.server'
import { requeueWaitingEmails } from '~/utils/email.server'

/**
 * Restores a backup into the empty database at `url`, and commits only if the fund's ledger checks (every
 * transaction balances, every stored balance equals its entries, nothing overdrawn).
 *
 * pg-boss's schema is not in a backup: its jobs are derived from the Hub's own tables, which are. So, in the
 * same transaction, the restore queues again what was waiting: the delivery of every email still `queued` in
 * the outbox, and a full refresh of the matching suggestions (the refresh jobs pending at backup time are
 * gone). Scheduled jobs are declared again by every worker at start-up.
 */
export async function restoreHub(url: string, file: string, options: Pick<RestoreOptions<unknown>, 'onTable'> = {}) {
  return restoreBackup(url, file, {
    ...options,
    async beforeCommit(db) {
      const ledger = await checkLedger(db)
      if (ledger.problems.length) {
        const problems = ledger.problems.slice(0, 5).map((p) => `${p.kind}: ${p.detail}`)
        throw new BackupError(`The restored ledger does not check (${ledger.problems.length} problem${ledger.problems.length === 1 ? '' : 's'}; ${problems.join('; ')}).`)
      }
      const emailsQueued = await requeueWaitingEmails(db)
      await enqueueSuggestionRefresh(db, { all: true })
      return { ledgerTransactions: ledger.transactions, ledgerEntries: ledger.entries, emailsQueued }
    },
  })
}
