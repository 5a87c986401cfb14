import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { PracticeId } from '#db/schema/index'
import { Facts, ObjectiveList, StatusBadge, TagList } from '~/components/facts'
import { FormErrors } from '~/components/forms'
import { PracticeStory } from '~/components/practices/practice-story'
import { ItemHeader, Notice } from '~/components/item-page'
import { ManagePractice, PracticeReviewForm, ReviewComment } from '~/components/practices/practice-review'
import { periodText } from '~/domain/catalogue/present.server'
import { allowedActions, isAllowed } from '~/domain/lifecycle'
import { isPracticeEditable, practiceMachine } from '~/domain/practices/lifecycle'
import { practiceForReader, reviewPractice, submitPractice, withdrawPractice } from '~/domain/practices/practices.server'
import { PracticeReviewSchema } from '~/domain/practices/schemas'
import { describeCodes } from '~/domain/vocabulary/labels.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { dispatchIntent } from '~/http/intents.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { itemMeta } from '~/utils/meta'
import { idParam } from '~/http/project-access.server'
import { getUser, requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request)
  // A draft, a returned or a withdrawn practice does not exist for anyone but its organisation and the secretariat.
  const found = await practiceForReader(db, user, idParam<PracticeId>(params.id))
  if (!found) throw new Response('Not found', { status: 404 })
  const { practice: p, org, project, ownSide, secretariat, privileged } = found
  const { t, locale } = await requestTranslator(request)
  const labels = describeCodes(locale, { objectives: p.objectives, actions: [], principles: p.principles, countries: p.countries, regions: p.regions, languages: [] })
  const possible = allowedActions(practiceMachine, p.status)
  return {
    practice: {
      id: p.id,
      title: p.title,
      language: p.language,
      summary: p.summary,
      whatWasDone: p.whatWasDone,
      results: p.results,
      lessons: p.lessons,
      status: p.status,
      links: p.links,
      publishedAt: p.publishedAt,
      period: periodText({ t, locale }, p.periodStart, p.periodEnd),
      // The secretariat's comment is between it and the organisation.
      reviewComment: privileged && p.status === 'returned' ? p.reviewComment : null,
    },
    organization: org.name,
    project,
    labels,
    privileged,
    can: {
      edit: ownSide && isPracticeEditable(p.status),
      submit: ownSide && possible.includes('submit'),
      withdraw: ownSide && possible.includes('withdraw'),
      review: secretariat && isAllowed(practiceMachine, p.status, 'publish'),
    },
  }
}

type FormReply = Extract<Awaited<ReturnType<typeof parseForm>>, { ok: false }>['response']
type Step = (request: Request, id: PracticeId) => Promise<Response | FormReply>

const plainStep = (intent: 'submit' | 'withdraw', run: typeof submitPractice): Step => async (request, id) => {
  const user = await requireUser(request)
  const form = await parseForm(request, z.object({ intent: z.literal(intent) }))
  if (!form.ok) throw new Response('This step could not be read.', { status: 400 })
  const outcome = await attempt(form.submission, () => run(db, user, id, publicOrigin()))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.practice(id), { key: intent === 'submit' ? 'practices.flash.submitted' : 'practices.flash.withdrawn' })
}

const steps: Record<string, Step> = {
  submit: plainStep('submit', submitPractice),
  withdraw: plainStep('withdraw', withdrawPractice),
  review: async (request, id) => {
    const user = await requireUser(request)
    const form = await parseForm(request, PracticeReviewSchema)
    if (!form.ok) return form.response
    const outcome = await attempt(form.submission, () => reviewPractice(db, user, id, form.value, publicOrigin()))
    if (!outcome.ok) return outcome.response
    return redirectWithFlash(urls.secretariatPractices(), { key: outcome.value === 'published' ? 'practices.flash.published' : 'practices.flash.returned' })
  },
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = idParam<PracticeId>(params.id)
  return dispatchIntent(request, steps, request, id)
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['lifecycle', 'practices', 'requests', 'validation'] }

export default function PracticePage() {
  const { practice: p, organization, project, labels, privileged, can } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()
  const { t } = useTranslation()
  const errors = Object.values(reply?.result?.error ?? {}).flatMap((e) => (e ?? []) as string[])
  const notice = privileged ? ({ draft: 'draftNotice', submitted: 'submittedNotice', returned: 'returnedNotice', withdrawn: 'withdrawnNotice', published: null } as const)[p.status] : null
  return (
    <article className="space-y-6" aria-labelledby="practice-title">
      <ItemHeader
        id="practice-title"
        item={p}
        before={
          <p className="text-sm">
            <Link to={urls.practices()}>← {t('practices.list.title')}</Link>
          </p>
        }
        by={{ label: t('practices.page.sharedBy'), name: organization }}
        published={t('practices.page.publishedOn')}
        badges={p.status !== 'published' ? <StatusBadge status={p.status} label={t(`practices.statuses.${p.status}`)} /> : null}
      />

      {notice ? <Notice tone="info">{t(`practices.page.${notice}`)}</Notice> : null}
      {p.reviewComment ? <ReviewComment comment={p.reviewComment} /> : null}
      {errors.length > 0 && !can.review ? <FormErrors id="step-errors" errors={errors} /> : null}

      <div className={`grid gap-6 ${privileged ? 'lg:grid-cols-[1fr_20rem]' : ''}`}>
        <div className="min-w-0 space-y-6">
          <PracticeStory practice={p} />
          <section className="card" aria-label={t('practices.card.objectives')}>
            <Facts
              items={[
                {
                  label: t('practices.fields.objectives'),
                  value: <ObjectiveList objectives={labels.objectives} />,
                },
                { label: t('practices.fields.principles'), value: labels.principles.length ? <TagList items={labels.principles.map((x) => x.title)} /> : null },
                { label: t('practices.fields.countries'), value: labels.countries.map((c) => c.name).join(t('common.listSeparator')) },
                { label: t('practices.fields.regions'), value: labels.regions.map((r) => r.name).join(t('common.listSeparator')) },
                { label: t('practices.card.period'), value: p.period },
                { label: t('practices.page.fromProject'), value: project ? <Link to={urls.project(project.id)}>{project.title}</Link> : null },
              ]}
            />
          </section>
        </div>
        {privileged ? (
          <aside className="space-y-4">
            {can.edit || can.submit || can.withdraw ? <ManagePractice id={p.id} can={can} returned={p.status === 'returned'} /> : null}
            {can.review ? (
              <div className="card">
                <PracticeReviewForm reply={reply?.result} />
              </div>
            ) : null}
          </aside>
        ) : null}
      </div>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => itemMeta(data?.practice, 'Practice')

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
