import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData, useRevalidator } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { ContributionId } from '#db/schema/index'
import { ContributionStatusBadge, ContributionStatusNotice, contributionStatusWord } from '~/components/fund/contribution-status'
import { EarmarkText } from '~/components/fund/earmark-text'
import { WhereMoneyWent } from '~/components/fund/where-money-went'
import { useFormatDate } from '~/components/date-time'
import { Facts } from '~/components/facts'
import { formatExactMoney } from '~/components/fund/exact-money'
import { contributionForReader } from '~/domain/fund/public.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireUser } from '~/http/session.server'
import { TableScroller } from '~/components/fund/table-scroller'
import type { I18nHandle } from '~/utils/i18n-page'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const id = z.uuid().safeParse(params.id)
  const { t, locale } = await requestTranslator(request)
  const found = id.success ? await contributionForReader(db, user, id.data as ContributionId, locale) : null
  if (!found) throw new Response('Not found', { status: 404 })
  const { contribution: c, receipts, earmark, poolBalance, allocations } = found
  const checkout = new URL(request.url).searchParams.get('checkout')
  return {
    title: t('fundPages.contribution.title', { amount: formatExactMoney(locale, c.amount, c.currency) }),
    // While Stripe has not confirmed a payment the donor just made, the page looks again every few seconds.
    waitingForStripe: c.status === 'pending' && checkout === 'done',
    checkout: checkout === 'done' || checkout === 'cancelled' ? checkout : null,
    contribution: {
      id: c.id,
      method: c.method,
      status: c.status,
      amount: c.amount,
      currency: c.currency,
      donorName: c.donorName,
      anonymous: c.anonymous,
      receivedAmount: c.receivedAmount,
      receivedUsd: c.receivedUsd,
      refundedAmount: c.refundedAmount,
      refundedUsd: c.refundedUsd,
      rate: c.rate,
      dueDate: c.dueDate,
      note: c.note,
      createdAt: c.createdAt,
    },
    earmark,
    receipts: receipts.map((r) => ({ id: r.id, receivedOn: r.receivedOn, amount: r.amount, usdAmount: r.usdAmount, reference: r.reference })),
    poolBalance,
    allocations,
  }
}

/** Asks the server again every 3 seconds, for at most two minutes (without JavaScript: the "Check again" link). */
function useRevalidateWhile(waiting: boolean) {
  const revalidator = useRevalidator()
  const tries = useRef(0)
  useEffect(() => {
    if (!waiting || tries.current >= 40) return
    const timer = setTimeout(() => {
      tries.current += 1
      revalidator.revalidate()
    }, 3000)
    return () => clearTimeout(timer)
  }, [waiting, revalidator])
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['fundPages', 'requests'] }

export default function ContributionPage() {
  const { contribution: c, checkout, earmark, receipts, poolBalance, allocations, waitingForStripe } = useLoaderData<typeof loader>()
  useRevalidateWhile(waitingForStripe)
  const { t, i18n } = useTranslation()
  const formatDate = useFormatDate()
  const money = (minor: number, currency: string) => formatExactMoney(i18n.language, minor, currency)
  const word = contributionStatusWord(c, checkout)
  const foreign = c.currency !== 'USD'
  return (
    <div className="space-y-8">
      <header className="space-y-3">
        <p className="text-sm">
          <Link to={urls.fundMine()}>← {t('fundPages.contribution.back')}</Link>
        </p>
        <h1>{t('fundPages.contribution.title', { amount: money(c.amount, c.currency) })}</h1>
        <p className="flex items-center gap-2 text-sm">
          <span className="font-medium text-slate-700">{t('fundPages.contribution.status')}</span>
          <ContributionStatusBadge word={word} />
        </p>
        <ContributionStatusNotice word={word} checkout={checkout} href={urls.fundContribution(c.id, { checkout: 'done' })} />
      </header>

      <section aria-labelledby="details" className="card space-y-4">
        <h2 id="details">{t('fundPages.contribution.details')}</h2>
        <Facts
          items={[
            { label: t('fundPages.contribution.amount'), value: money(c.amount, c.currency) },
            { label: t('fundPages.contribution.method'), value: t(`fundPages.contribution.methods.${c.method}`) },
            { label: t('fundPages.contribution.donor'), value: c.donorName },
            { label: t('fundPages.contribution.publicly'), value: c.anonymous ? t('fundPages.contribution.shownAnonymous') : t('fundPages.contribution.shownByName') },
            { label: t('fundPages.contribution.earmark'), value: <EarmarkText target={earmark} /> },
            { label: t('fundPages.contribution.recorded'), value: formatDate(c.createdAt) },
            { label: t('fundPages.contribution.dueDate'), value: c.dueDate ? formatDate(c.dueDate) : null },
            {
              label: t('fundPages.contribution.receivedUsd'),
              value:
                c.receivedUsd > 0 ? (
                  <>
                    {money(c.receivedUsd, 'USD')}
                    {foreign && c.rate ? <span className="block text-slate-600">{t('fundPages.contribution.rate', { currency: c.currency, rate: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 6 }).format(c.rate) })}</span> : null}
                  </>
                ) : null,
            },
            { label: t('fundPages.contribution.refunded'), value: c.refundedAmount > 0 ? `${money(c.refundedAmount, c.currency)}${foreign ? ` (${money(c.refundedUsd, 'USD')})` : ''}` : null },
            { label: t('fundPages.contribution.note'), value: c.note },
          ]}
        />
      </section>

      {c.method === 'pledge' ? (
        <section aria-labelledby="receipts" className="space-y-3">
          <h2 id="receipts">{t('fundPages.contribution.receipts')}</h2>
          {receipts.length ? (
            <TableScroller label={t('fundPages.contribution.receiptsCaption')} className="card">
              <table className="data-table">
                <caption className="mb-2 text-start text-sm font-semibold text-slate-800">{t('fundPages.contribution.receiptsCaption')}</caption>
                <TableHead columns={[t('fundPages.contribution.receivedOn'), t('fundPages.contribution.reference'), { label: t('fundPages.contribution.inDonorCurrency'), numeric: true }, { label: t('fundPages.contribution.inUsd'), numeric: true }]} />
                <tbody>
                  {receipts.map((r) => (
                    <tr key={r.id}>
                      <td className="whitespace-nowrap">{formatDate(r.receivedOn)}</td>
                      <td className="break-all">{r.reference}</td>
                      <td className="whitespace-nowrap text-end tabular-nums">{money(r.amount, c.currency)}</td>
                      <td className="whitespace-nowrap text-end tabular-nums">{money(r.usdAmount, 'USD')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroller>
          ) : (
            <p className="text-slate-700">{t('fundPages.contribution.receiptsNone')}</p>
          )}
          {c.status === 'pledged' ? <p className="text-slate-700">{t('fundPages.contribution.remaining', { amount: money(c.amount - c.receivedAmount, c.currency) })}</p> : null}
        </section>
      ) : null}

      <WhereMoneyWent target={earmark} arrived={c.receivedUsd > 0} poolBalance={poolBalance} allocations={allocations} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
