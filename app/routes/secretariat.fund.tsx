import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { AllocationId, ContributionId } from '#db/schema/index'
import { AllocationList } from '~/components/fund-admin/allocation-list'
import { CardContributions } from '~/components/fund-admin/card-contributions'
import { FundAlerts } from '~/components/fund-admin/fund-alerts'
import { PledgeList } from '~/components/fund-admin/pledge-list'
import { PledgeThresholdForm } from '~/components/fund-admin/pledge-threshold-form'
import { VoidedPledges } from '~/components/fund-admin/voided-pledges'
import { PoolsTable } from '~/components/fund-admin/pools-table'
import { formatMoney } from '~/components/money'
import { DomainError } from '~/domain/errors'
import { reverseAllocation } from '~/domain/fund/allocations.server'
import { allocationsWithTranches, fundAlerts, fundPools, pendingPledges, recentCardContributions, voidedPledges } from '~/domain/fund/console.server'
import { recordPledgeReceipt, voidPledge } from '~/domain/fund/contributions.server'
import { PledgeReceiptSchema, PledgeThresholdSchema, ReverseAllocationSchema, VoidPledgeSchema } from '~/domain/fund/schemas'
import { pledgeThresholdUsd, setPledgeThreshold } from '~/domain/fund/settings.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireFundManager } from '~/http/fund-access.server'
import { requireRecentAuthentication } from '~/http/step-up.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireFundManager(request)
  const { t, locale } = await requestTranslator(request)
  const [alerts, pools, pledges, voided, allocations, cards, thresholdUsd] = await Promise.all([
    fundAlerts(db),
    fundPools(db, locale),
    pendingPledges(db),
    voidedPledges(db),
    allocationsWithTranches(db, locale),
    recentCardContributions(db, 50),
    pledgeThresholdUsd(db),
  ])
  return { title: t('fundAdmin.console.title'), alerts, pools, pledges, voided, allocations, cards, thresholdUsd }
}

/** Each form on the page names what it acts on; its errors come back to that form only. */
const FundStep = z.discriminatedUnion('intent', [
  PledgeReceiptSchema.extend({ intent: z.literal('receipt'), contributionId: z.uuid() }),
  ReverseAllocationSchema.extend({ intent: z.literal('reverse'), allocationId: z.uuid() }),
  VoidPledgeSchema.extend({ intent: z.literal('void'), contributionId: z.uuid() }),
  PledgeThresholdSchema.extend({ intent: z.literal('threshold') }),
])

/** A record that does not exist is a 404 page, not a message in a form. */
async function orNotFound<T>(run: () => Promise<T>) {
  try {
    return await run()
  } catch (error) {
    if (error instanceof DomainError && (error.status === 404 || error.status === 403)) throw new Response(error.message, { status: error.status })
    throw error
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireFundManager(request)
  // Recording a receipt and reversing an allocation both move money: a recent password or code first.
  await requireRecentAuthentication(request)
  const { locale } = await requestTranslator(request)
  const form = await parseForm(request, FundStep)
  if (!form.ok) return form.response
  const step = form.value
  if (step.intent === 'receipt') {
    const outcome = await attempt(form.submission, () => orNotFound(() => recordPledgeReceipt(db, user, step.contributionId as ContributionId, step)))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(urls.secretariatFund(), { key: outcome.value.complete ? 'fundAdmin.flash.pledgeComplete' : 'fundAdmin.flash.receiptRecorded' })
  }
  if (step.intent === 'void') {
    const outcome = await attempt(form.submission, () => orNotFound(() => voidPledge(db, user, step.contributionId as ContributionId, step)))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(urls.secretariatFund(), { key: 'fundAdmin.flash.voided' })
  }
  if (step.intent === 'threshold') {
    const value = await setPledgeThreshold(db, user, step)
    return redirectWithFlash(urls.secretariatFund(), { key: 'fundAdmin.flash.thresholdSet', values: { amount: formatMoney(locale, value, 'USD') } })
  }
  const outcome = await attempt(form.submission, () => orNotFound(() => reverseAllocation(db, user, step.allocationId as AllocationId, step.reason)))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.secretariatFund(), { key: 'fundAdmin.flash.reversed', values: { amount: formatMoney(locale, outcome.value, 'USD') } })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['fund', 'fundAdmin', 'requests', 'validation'] }

export default function FundConsole() {
  const { alerts, pools, pledges, voided, allocations, cards, thresholdUsd } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  // The submitted values say which pledge or allocation a failed form was about.
  const submitted = actionData?.result.initialValue as { intent?: string; contributionId?: string; allocationId?: string } | null | undefined
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1>{t('fundAdmin.console.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('fundAdmin.console.lead')}</p>
        <p>
          <Link to={urls.secretariatAllocate()} className="btn-primary">
            {t('fundAdmin.console.allocate')}
          </Link>
        </p>
      </header>
      <FundAlerts alerts={alerts} />
      <PoolsTable pools={pools} />
      <PledgeList pledges={pledges} lastResult={actionData?.result} target={(submitted?.intent === 'receipt' || submitted?.intent === 'void') && submitted.contributionId ? { intent: submitted.intent, id: submitted.contributionId } : null} />
      <VoidedPledges pledges={voided} />
      <PledgeThresholdForm thresholdUsd={thresholdUsd} lastResult={submitted?.intent === 'threshold' ? actionData?.result : undefined} />
      <AllocationList allocations={allocations} lastResult={actionData?.result} target={submitted?.intent === 'reverse' ? (submitted.allocationId ?? null) : null} />
      <CardContributions contributions={cards} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
