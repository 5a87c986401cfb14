import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { OfferId } from '#db/schema/index'
import { useFormatDate } from '~/components/date-time'
import { DescriptionCard, ItemHeader, ManageCard, Notice, StepButton } from '~/components/item-page'
import { alignmentFacts, Facts, StatusBadge, TagList } from '~/components/facts'
import { Money } from '~/components/money'
import { DomainError } from '~/domain/errors'
import { allowedActions } from '~/domain/lifecycle'
import { isOfferEditable, offerMachine } from '~/domain/offers/lifecycle'
import { offerForReader, transitionOffer } from '~/domain/offers/offers.server'
import { describeCodes } from '~/domain/vocabulary/labels.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { itemMeta } from '~/utils/meta'
import { getUser, requireUser } from '~/http/session.server'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'
import { urls } from '~/utils/urls'

const OfferIdParam = z.uuid()

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = OfferIdParam.safeParse(params.id)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const user = await getUser(request)
  const found = await offerForReader(db, user, id.data as OfferId)
  if (!found) throw new Response('Not found', { status: 404 })
  const { offer: o, org, ownSide } = found
  const { locale } = await requestTranslator(request)
  return {
    offer: {
      id: o.id,
      kind: o.kind,
      status: o.status,
      title: o.title,
      language: o.language,
      summary: o.summary,
      description: o.description,
      primaryObjective: o.primaryObjective,
      global: o.global,
      supportTypes: o.supportTypes,
      capacityPersonDays: o.capacityPersonDays,
      availableFrom: o.availableFrom,
      availableUntil: o.availableUntil,
      financingMin: o.financingMin,
      financingMax: o.financingMax,
      financingCurrency: o.financingCurrency,
      conditions: o.conditions,
      publishedAt: o.publishedAt,
    },
    organization: { name: org.name },
    labels: describeCodes(locale, { ...o, regions: o.servedRegions }),
    actions: ownSide ? allowedActions(offerMachine, o.status) : [],
    canEdit: ownSide && isOfferEditable(o.status),
  }
}

const Step = z.object({ intent: z.enum(['publish', 'pause', 'resume', 'close']) })
const flashes = { publish: 'offers.publishedFlash', pause: 'offers.paused', resume: 'offers.resumed', close: 'offers.closedFlash' } as const

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const id = OfferIdParam.safeParse(params.id)
  if (!id.success) throw new Response('Not found', { status: 404 })
  const step = Step.safeParse(Object.fromEntries(await readForm(request)))
  if (!step.success) throw new Response('This step could not be read.', { status: 400 })
  try {
    await transitionOffer(db, user, id.data as OfferId, step.data.intent)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    if (error.status === 409) return redirectWithFlash(urls.offer(id.data), { key: error.code, tone: 'error' })
    throw new Response(error.message, { status: error.status })
  }
  return redirectWithFlash(urls.offer(id.data), { key: flashes[step.data.intent] })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['lifecycle', 'offerKinds', 'offerStatuses', 'offers', 'requests', 'supportTypes'], hydrate: 'signed-in' }

export default function OfferPage() {
  const { offer: o, organization, labels, actions, canEdit } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const geography = [o.global ? t('offers.global') : null, ...labels.regions.map((r) => r.name), ...labels.countries.map((c) => c.name)].filter(
    (x): x is string => Boolean(x),
  )
  return (
    <article className="space-y-6" aria-labelledby="offer-title">
      <ItemHeader
        id="offer-title"
        item={o}
        by={{ label: t('offers.offeredBy'), name: organization.name }}
        published={t('requests.published_at')}
        badges={
          <>
            <span className="badge bg-brand-100 text-brand-900">{t(`offerKinds.${o.kind}`)}</span>
            <StatusBadge status={o.status} label={t(`offerStatuses.${o.status}`)} />
          </>
        }
      />
      {o.status === 'draft' ? <Notice tone="info">{t('offers.draftNotice')}</Notice> : null}
      {o.status === 'paused' ? <Notice tone="warn">{t('offers.pausedNotice')}</Notice> : null}

      <div className={`grid gap-6 ${actions.length > 0 || canEdit ? 'lg:grid-cols-[1fr_18rem]' : ''}`}>
        <div className="space-y-6">
          <DescriptionCard label={t('offers.fields.description')} text={o.description} language={o.language} />
          <section className="card" aria-label={t('requests.objectives')}>
            <Facts
              items={[
                ...alignmentFacts(t, labels, o.primaryObjective),
                { label: t('requests.supportTypes'), value: <TagList items={o.supportTypes.map((s) => t(dynamicKey(`supportTypes.${s}`)))} /> },
                { label: t('requests.languages'), value: labels.languages.map((l) => l.name).join(t('common.listSeparator')) },
                { label: t('offers.geography'), value: geography.length ? <TagList items={geography} /> : null },
                { label: t('offers.capacity'), value: o.capacityPersonDays ? t('offers.personDays', { count: o.capacityPersonDays }) : null },
                {
                  label: t('offers.availability'),
                  value: [o.availableFrom ? t('offers.from', { date: formatDate(o.availableFrom) }) : null, o.availableUntil ? t('offers.until', { date: formatDate(o.availableUntil) }) : null]
                    .filter(Boolean)
                    .join(' '),
                },
                {
                  label: t('offers.financing'),
                  value:
                    o.financingMin !== null && o.financingMax !== null && o.financingCurrency ? (
                      <>
                        <Money minor={o.financingMin} currency={o.financingCurrency} /> – <Money minor={o.financingMax} currency={o.financingCurrency} />
                      </>
                    ) : null,
                },
                { label: t('offers.conditions'), value: o.conditions ? <span className="whitespace-pre-line">{o.conditions}</span> : null },
              ]}
            />
          </section>
        </div>
        {actions.length > 0 || canEdit ? (
          <aside>
            <ManageCard title={t('requests.manage')} edit={canEdit ? { to: urls.offerEdit(o.id), label: t('offers.edit') } : null}>
              {actions.map((step) => (
                <StepButton
                  key={step}
                  intent={step}
                  label={t(`offers.${step}`)}
                  className={step === 'close' ? 'btn-danger w-full' : step === 'publish' ? 'btn-primary w-full' : 'btn-secondary w-full'}
                />
              ))}
            </ManageCard>
          </aside>
        ) : null}
      </div>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => itemMeta(data?.offer, 'Offer')

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
