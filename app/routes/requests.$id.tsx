import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { RequestId } from '#db/schema/index'
import { useFormatDate } from '~/components/date-time'
import { alignmentFacts, Facts, StatusBadge, TagList } from '~/components/facts'
import { DescriptionCard, ItemHeader, ManageCard, Notice, StepButton } from '~/components/item-page'
import { Money } from '~/components/money'
import { RequestContact, RequestScreening, ReviewThread, SubmitRequestForm } from '~/components/request-page'
import { formatScore, SuggestionReasons } from '~/components/suggestion-reasons'
import { explainFactors } from '~/domain/matching/reasons'
import { DomainError } from '~/domain/errors'
import { allowedActions, isAllowed } from '~/domain/lifecycle'
import { isRequestEditable, requestMachine } from '~/domain/requests/lifecycle'
import { matchesOfRequest, providerOrganizationsOf, storedOffersForRequest } from '~/domain/matching/matches.server'
import { similarRequests } from '~/domain/matching/related.server'
import { requestForReader, reviewsOf, transitionRequest } from '~/domain/requests/requests.server'
import { describeCodes } from '~/domain/vocabulary/labels.server'
import { optionalText, text } from '~/domain/vocabulary/fields'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm, domainErrorText } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestLanguage, requestTranslator } from '~/utils/i18n.server'
import { itemMeta } from '~/utils/meta'
import { getUser, requireUser } from '~/http/session.server'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'
import { urls } from '~/utils/urls'

const RequestIdParam = z.uuid()

async function readable(request: Request, id: string | undefined) {
  const parsed = RequestIdParam.safeParse(id)
  if (!parsed.success) throw new Response('Not found', { status: 404 })
  const user = await getUser(request)
  const found = await requestForReader(db, user, parsed.data as RequestId)
  if (!found) throw new Response('Not found', { status: 404 })
  return { user, ...found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, request: r, org, privileged, ownSide, secretariat } = await readable(request, params.id)
  const { locale, t } = await requestTranslator(request)
  const labels = describeCodes(locale, r)
  const possible = allowedActions(requestMachine, r.status)
  return {
    request: {
      id: r.id,
      title: r.title,
      language: r.language,
      summary: r.summary,
      description: r.description,
      status: r.status,
      primaryObjective: r.primaryObjective,
      supportTypes: r.supportTypes,
      budgetAmount: r.budgetAmount,
      budgetCurrency: r.budgetCurrency,
      seeksFunding: r.seeksFunding,
      startDate: r.startDate,
      durationMonths: r.durationMonths,
      publishedAt: r.publishedAt,
      // Contact details are personal data: only the State's members and the secretariat see them.
      contact: privileged ? { name: r.contactName, email: r.contactEmail, phone: r.contactPhone } : null,
    },
    organization: { name: org.name, slug: org.slug },
    labels,
    reviews: privileged ? await reviewsOf(db, r.id) : [],
    // Interests and suggestions are between the parties: never shown to visitors.
    matches: privileged ? await matchesOfRequest(db, r.id) : [],
    suggestions: privileged ? (await storedOffersForRequest(db, r.id)).map(({ factors, ...s }) => ({ ...s, reasons: explainFactors(factors, locale, t) })) : [],
    // The hub's "connect to similar initiatives": other published requests on the same ground.
    similar: await similarRequests(db, r.id, 5),
    canExpressInterest: user !== null && isAllowed(requestMachine, r.status, 'match') && !ownSide && (await providerOrganizationsOf(db, user, r.organizationId)).length > 0,
    can: {
      edit: ownSide && isRequestEditable(r.status),
      submit: ownSide && possible.includes('submit'),
      withdraw: ownSide && possible.includes('withdraw'),
      close: (ownSide || secretariat) && possible.includes('close'),
      screen: secretariat && isAllowed(requestMachine, r.status, 'publish'),
    },
    privileged,
  }
}

const Step = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('submit'), answer: optionalText(5000) }),
  z.object({ intent: z.literal('withdraw') }),
  z.object({ intent: z.literal('close') }),
  z.object({ intent: z.literal('publish'), note: optionalText(5000) }),
  z.object({ intent: z.literal('return'), comments: text(5, 5000) }),
])

const flashes = {
  submit: 'requests.submitted',
  withdraw: 'requests.withdrawn',
  close: 'requests.closed',
  publish: 'requests.published',
  return: 'requests.returned',
} as const

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const id = RequestIdParam.safeParse(params.id)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const parsed = Step.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    if (issue?.path[0] === 'comments' || issue?.path[0] === 'answer' || issue?.path[0] === 'note') {
      return data({ field: String(issue.path[0]), error: issue.message }, { status: 400 })
    }
    throw new Response('This step could not be read.', { status: 400 })
  }
  const step = parsed.data
  const message = step.intent === 'submit' ? step.answer : step.intent === 'publish' ? step.note : step.intent === 'return' ? step.comments : undefined
  try {
    await transitionRequest(db, user, id.data as RequestId, step.intent, { message, origin: publicOrigin() })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    if (error.status === 409) return data({ field: null, error: domainErrorText(error, await requestLanguage(request)) }, { status: 409 })
    throw new Response(error.message, { status: error.status })
  }
  const back = step.intent === 'publish' || step.intent === 'return' ? urls.secretariatRequests() : urls.request(id.data)
  return redirectWithFlash(back, { key: flashes[step.intent] })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['lifecycle', 'matchReasons', 'matches', 'offerKinds', 'requestStatuses', 'requests', 'supportTypes', 'validation'], hydrate: 'signed-in' }

export default function RequestPage() {
  const { request: r, organization, labels, reviews, can, privileged, matches, suggestions, canExpressInterest, similar } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const fieldError = (field: string) => (actionData?.field === field ? [actionData.error] : undefined)
  return (
    <article className="space-y-6" aria-labelledby="request-title">
      <ItemHeader
        id="request-title"
        item={r}
        by={{ label: t('requests.postedBy'), name: organization.name }}
        published={t('requests.published_at')}
        badges={
          <>
            <StatusBadge status={r.status} label={t(`requestStatuses.${r.status}`)} />
            {labels.countries.map((c) => (
              <span key={c.code} className="badge bg-slate-100 text-slate-800">
                {c.name}
              </span>
            ))}
          </>
        }
      />

      {privileged && r.status === 'returned' ? <Notice tone="warn">{t('requests.returnedNotice')}</Notice> : null}
      {privileged && r.status === 'submitted' ? <Notice tone="info">{t('requests.submittedNotice')}</Notice> : null}
      {privileged && r.status === 'draft' ? <Notice tone="info">{t('requests.draftNotice')}</Notice> : null}
      {actionData?.field === null ? <Notice tone="error">{actionData.error}</Notice> : null}

      <div className={`grid gap-6 ${privileged ? 'lg:grid-cols-[1fr_20rem]' : ''}`}>
        <div className="space-y-6">
          <DescriptionCard label={t('requests.fields.description')} text={r.description} language={r.language} />
          <section className="card" aria-label={t('requests.objectives')}>
            <Facts
              items={[
                ...alignmentFacts(t, labels, r.primaryObjective),
                { label: t('requests.principles'), value: labels.principles.length ? <TagList items={labels.principles.map((p) => p.title)} /> : null },
                { label: t('requests.supportTypes'), value: <TagList items={r.supportTypes.map((s) => t(dynamicKey(`supportTypes.${s}`)))} /> },
                { label: t('requests.languages'), value: labels.languages.map((l) => l.name).join(t('common.listSeparator')) },
                { label: t('requests.regions'), value: labels.regions.map((g) => g.name).join(t('common.listSeparator')) },
                {
                  label: t('requests.budget'),
                  value: r.budgetAmount !== null && r.budgetCurrency ? <Money minor={r.budgetAmount} currency={r.budgetCurrency} /> : t('requests.notStated'),
                },
                { label: t('requests.seeksFunding'), value: r.seeksFunding ? t('common.yes') : t('common.no') },
                {
                  label: t('requests.timing'),
                  value: r.startDate
                    ? r.durationMonths
                      ? t('requests.startsIn', { date: formatDate(r.startDate), count: r.durationMonths })
                      : t('requests.startsOn', { date: formatDate(r.startDate) })
                    : r.durationMonths
                      ? t('requests.months', { count: r.durationMonths })
                      : t('requests.notStated'),
                },
              ]}
            />
          </section>
          {similar.length > 0 ? (
            <section className="card space-y-2" aria-labelledby="similar-title">
              <h2 id="similar-title">{t('matches.similar')}</h2>
              <ul className="list-disc space-y-1 ps-5 text-sm">
                {similar.map((item) => (
                  <li key={item.requestId}>
                    <Link to={urls.request(item.requestId)}>{item.title}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {canExpressInterest ? (
            <p>
              <Link to={urls.requestInterest(r.id)} className="btn-primary">
                {t('matches.interestTitle')}
              </Link>
            </p>
          ) : null}
          {privileged ? (
            <section className="card space-y-3" aria-labelledby="matches-title">
              <h2 id="matches-title">{t('matches.interests')}</h2>
              {matches.length === 0 ? <p className="text-sm text-slate-600">{t('matches.noMatches')}</p> : null}
              <ul className="divide-y divide-slate-100">
                {matches.map((m) => (
                  <li key={m.id} className="py-2 text-sm">
                    <Link to={urls.match(m.id)}>{m.providerName}</Link> · {t(`matches.origins.${m.origin}`)} ·{' '}
                    <strong>{t(`matches.statuses.${m.status}`)}</strong>
                    {m.message ? <p className="mt-1 line-clamp-2 text-slate-700">{m.message}</p> : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {privileged ? (
            <section className="card space-y-3" aria-labelledby="suggestions-title">
              <h2 id="suggestions-title">{t('matches.suggestions')}</h2>
              <p className="text-sm text-slate-600">{t('matches.suggestionsLead')}</p>
              {suggestions.length === 0 ? <p className="text-sm text-slate-600">{t('matches.noSuggestions')}</p> : null}
              <ol className="space-y-3">
                {suggestions.map((s) => (
                  <li key={s.offerId}>
                    <p className="text-sm">
                      <Link to={urls.offer(s.offerId)}>{s.title}</Link> · {s.providerName} · {t(`offerKinds.${s.kind}`)} ·{' '}
                      {t('matches.score', { score: formatScore(s.score) })}
                    </p>
                    <SuggestionReasons reasons={s.reasons} />
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>

        {privileged ? (
          <aside className="space-y-4">
            {r.contact ? <RequestContact contact={r.contact} /> : null}
            {can.edit || can.submit || can.withdraw || can.close ? (
              <ManageCard title={t('requests.manage')} edit={can.edit ? { to: urls.requestEdit(r.id), label: t('requests.edit') } : null}>
                {can.submit ? <SubmitRequestForm returned={r.status === 'returned'} fieldError={fieldError} /> : null}
                {can.withdraw ? <StepButton intent="withdraw" label={t('requests.withdraw')} className="btn-danger w-full" /> : null}
                {can.close ? <StepButton intent="close" label={t('requests.close')} className="btn-secondary w-full" /> : null}
              </ManageCard>
            ) : null}
            {can.screen ? <RequestScreening fieldError={fieldError} /> : null}
            <ReviewThread reviews={reviews} />
          </aside>
        ) : null}
      </div>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => itemMeta(data?.request, 'Request')

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
