import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { ContributionStatus } from '#db/schema/fund'
import { urls } from '~/utils/urls'

export type ContributionStatusWord = 'waiting' | 'processing' | 'pledged' | 'partlyReceived' | 'received' | 'partlyRefunded' | 'failed' | 'refunded' | 'voided'

/** A contribution's status in words: a card payment back from Checkout but not yet confirmed is "processing". */
export function contributionStatusWord(c: { status: ContributionStatus; receivedAmount: number; refundedAmount: number }, checkout?: string | null): ContributionStatusWord {
  switch (c.status) {
    case 'pending':
      return checkout === 'done' ? 'processing' : 'waiting'
    case 'pledged':
      return c.receivedAmount > 0 ? 'partlyReceived' : 'pledged'
    case 'received':
      return c.refundedAmount > 0 ? 'partlyRefunded' : 'received'
    default:
      return c.status
  }
}

const tones: Record<ContributionStatusWord, string> = {
  waiting: 'bg-amber-100 text-amber-900',
  processing: 'bg-amber-100 text-amber-900',
  pledged: 'bg-amber-100 text-amber-900',
  partlyReceived: 'bg-sky-100 text-sky-900',
  received: 'bg-emerald-100 text-emerald-900',
  partlyRefunded: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
  refunded: 'bg-slate-200 text-slate-800',
  voided: 'bg-slate-200 text-slate-800',
}

export function ContributionStatusBadge({ word }: { word: ContributionStatusWord }) {
  const { t } = useTranslation()
  return <span className={`badge ${tones[word]}`}>{t(`fundPages.contribution.statuses.${word}`)}</span>
}

/** What the donor should know next to the status: waiting for Stripe (with a way to check again), cancelled, failed. */
export function ContributionStatusNotice({ word, checkout, href }: { word: ContributionStatusWord; checkout: string | null; href: string }) {
  const { t } = useTranslation()
  if (word === 'processing') {
    return (
      <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
        <p className="font-semibold">{t('fundPages.contribution.statuses.processing')}</p>
        <p className="mt-1">{t('fundPages.contribution.processingDetail')}</p>
        <p className="mt-3">
          <a href={href} className="btn-secondary">
            {t('fundPages.contribution.checkAgain')}
          </a>
        </p>
      </div>
    )
  }
  if (word === 'waiting' && checkout === 'cancelled') return <StartAgain tone="border-slate-300 bg-slate-50 text-slate-900" message={t('fundPages.contribution.cancelled')} />
  if (word === 'failed') return <StartAgain tone="border-red-200 bg-red-50 text-red-900" message={t('fundPages.contribution.failedDetail')} />
  return null
}

/** A contribution that went nowhere (cancelled at Stripe, or failed): say so and offer a fresh start. */
function StartAgain({ tone, message }: { tone: string; message: string }) {
  const { t } = useTranslation()
  return (
    <div role="status" className={`rounded-md border p-4 text-sm ${tone}`}>
      <p>{message}</p>
      <p className="mt-3">
        <Link to={urls.fundContribute()} className="btn-secondary">
          {t('fundPages.contribution.startAgain')}
        </Link>
      </p>
    </div>
  )
}
