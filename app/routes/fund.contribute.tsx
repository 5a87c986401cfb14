import { randomUUID } from 'node:crypto'
import { PageHeader } from '~/components/page-header'
import type { SubmissionResult } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import Stripe from 'stripe'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { CardContributionForm, PledgeForm, type FormDefaults } from '~/components/fund/contribution-forms'
import { projectsSeekingFunds, recordPledge, startCardContribution } from '~/domain/fund/contributions.server'
import { donorOrganizationsOf } from '~/domain/fund/public.server'
import { pledgeThresholdUsd } from '~/domain/fund/settings.server'
import { formatMoney } from '~/components/money'
import { CardContributionSchema, cardCurrencies, PledgeSchema } from '~/domain/fund/schemas'
import { cardPaymentsEnabled } from '~/domain/fund/stripe.server'
import { openCheckout } from '~/domain/fund/stripe-sync.server'
import { commonCurrencies } from '~/domain/vocabulary/options.server'
import { listObjectives } from '~/domain/vocabulary/vocabulary.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { dispatchIntent } from '~/http/intents.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { logger } from '~/utils/logger.server'
import { titleMeta } from '~/utils/meta'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { absoluteUrl, urls } from '~/utils/urls'

/** `?objective=3` or `?project=<id>` (from an objective's or a project's page) pre-selects the earmark. */
function earmarkFromQuery(url: URL, projects: { id: string }[]): FormDefaults {
  const objective = Number(url.searchParams.get('objective'))
  if (Number.isInteger(objective) && objective >= 1 && objective <= 23) return { earmark: 'objective', objective: String(objective) }
  const project = url.searchParams.get('project')
  if (project && projects.some((p) => p.id === project)) return { earmark: 'project', projectId: project }
  return {}
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { t, locale } = await requestTranslator(request)
  const objectives = listObjectives(locale)
  const [projects, organizations, thresholdUsd] = await Promise.all([projectsSeekingFunds(db), donorOrganizationsOf(db, user), pledgeThresholdUsd(db)])
  return {
    title: t('fundPages.contribute.title'),
    cardEnabled: cardPaymentsEnabled(),
    choices: {
      objectives: objectives.map((o) => ({ number: o.number, shortTitle: o.shortTitle })),
      projects: projects.map((p) => ({ id: p.id as string, title: p.title })),
      organizations,
      displayName: user.displayName,
    },
    defaults: earmarkFromQuery(new URL(request.url), projects),
    pledgeCurrencies: [...commonCurrencies],
    pledgeRules: { threshold: formatMoney(locale, thresholdUsd, 'USD'), emailVerified: Boolean(user.emailVerifiedAt) },
    // Each form carries its own idempotency key: submitting it twice makes one contribution.
    tokens: { card: randomUUID(), pledge: randomUUID() },
  }
}

async function contributeByCard(request: Request, user: SessionUser) {
  const form = await parseForm(request, CardContributionSchema)
  if (!form.ok) return form.response
  if (!cardPaymentsEnabled()) return data({ result: form.submission.reply({ formErrors: ['fundPages.contribute.cardOff'] }) }, { status: 409 })
  const outcome = await attempt(form.submission, () => startCardContribution(db, user, form.value))
  if (!outcome.ok) return outcome.response
  const contribution = outcome.value
  // The same form sent again after the payment went through: show the contribution, not a second Checkout.
  if (contribution.status !== 'pending') return redirect(urls.fundContribution(contribution.id), 303)
  const back = (checkout: 'done' | 'cancelled') => absoluteUrl(publicOrigin(), urls.fundContribution(contribution.id, { checkout }))
  try {
    const session = await openCheckout(db, contribution, { success: back('done'), cancel: back('cancelled') }, user.email)
    if (!session.url) throw new Stripe.errors.StripeAPIError({ message: 'Checkout Session without a URL' })
    return redirect(session.url, 303)
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError)) throw error
    // Nothing is marked: the contribution stays pending and the same form (same token) can try again.
    logger().warn({ contributionId: contribution.id, type: error.type, message: error.message }, 'Stripe Checkout could not be opened')
    return data({ result: form.submission.reply({ formErrors: ['fundPages.contribute.stripeUnavailable'] }) }, { status: 503 })
  }
}

async function pledge(request: Request, user: SessionUser) {
  const form = await parseForm(request, PledgeSchema)
  if (!form.ok) return form.response
  const outcome = await attempt(form.submission, () => recordPledge(db, user, form.value, publicOrigin()))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.fundContribution(outcome.value), { key: 'fundPages.flash.pledged' })
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  return dispatchIntent(request, { card: contributeByCard, pledge }, request, user)
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['fund', 'fundPages', 'validation'] }

export default function Contribute() {
  const { cardEnabled, choices, defaults, tokens, pledgeCurrencies, pledgeRules } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as { result?: SubmissionResult<string[]> } | undefined
  const { t } = useTranslation()
  const result = actionData?.result
  const resultFor = (intent: string) => ((result?.initialValue as { intent?: unknown } | undefined)?.intent === intent ? result : undefined)
  return (
    <div className="space-y-8">
      <PageHeader back={{ to: urls.fund(), label: t('fundPages.overview.title') }} title={t('fundPages.contribute.title')} lead={t('fundPages.contribute.lead')} />

      <section aria-labelledby="card" className="card space-y-4">
        <h2 id="card">{t('fundPages.contribute.cardTitle')}</h2>
        {cardEnabled ? (
          <>
            <p className="text-slate-700">{t('fundPages.contribute.cardLead')}</p>
            <CardContributionForm choices={choices} currencies={cardCurrencies} token={tokens.card} defaults={defaults} lastResult={resultFor('card')} />
          </>
        ) : (
          <div role="note" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
            <p className="font-semibold">{t('fundPages.contribute.cardOff')}</p>
            <p className="mt-1">{t('fundPages.contribute.cardOffDetail')}</p>
          </div>
        )}
      </section>

      <section id="pledge" aria-labelledby="pledge-title" className="card space-y-4">
        <h2 id="pledge-title">{t('fundPages.contribute.pledgeTitle')}</h2>
        <p className="text-slate-700">{t('fundPages.contribute.pledgeLead')}</p>
        <p className="text-sm text-slate-700">{t('fundPages.contribute.pledgeThreshold', { amount: pledgeRules.threshold })}</p>
        {pledgeRules.emailVerified ? null : (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
            {t('fundPages.contribute.pledgeVerifyEmail')}
          </p>
        )}
        <PledgeForm choices={choices} currencies={pledgeCurrencies} token={tokens.pledge} defaults={defaults} lastResult={resultFor('pledge')} />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
