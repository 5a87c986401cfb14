import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { PageHeader } from '~/components/page-header'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { ProjectId } from '#db/schema/index'
import { DateTime, useFormatDate } from '~/components/date-time'
import { accessTo } from '~/domain/projects/access.server'
import { projectRow } from '~/domain/projects/listing.server'
import { projectTimeline } from '~/domain/projects/timeline.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { idParam } from '~/http/project-access.server'
import { getUser } from '~/http/session.server'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

/** The story of a project: everything for its parties and the secretariat, the public events for everyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const projectId = idParam<ProjectId>(params.id)
  const user = await getUser(request)
  const { t } = await requestTranslator(request)
  const [project, access] = await Promise.all([projectRow(db, projectId), accessTo(db, user, projectId)])
  if (!project || (!project.publishedAt && !access.party)) throw new Response('Not found', { status: 404 })
  const audience = access.party ? 'party' : 'public'
  return {
    title: t('projectPages.timeline.title', { title: project.title }),
    project: { id: project.id, title: project.title, published: project.publishedAt !== null },
    audience,
    events: await projectTimeline(db, projectId, audience),
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['projectPages', 'projectTerms'] }

export default function ProjectTimeline() {
  const { project, audience, events } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const formatDate = useFormatDate()
  // Reporting periods come as ISO dates and amounts as US dollars (major units); the reader sees both in their language.
  const usd = new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD', minimumFractionDigits: 0, maximumFractionDigits: 0 })
  const readable = (values: Record<string, string | number>) => {
    const period = typeof values.period === 'string' ? /^(\d{4}-\d\d-\d\d) – (\d{4}-\d\d-\d\d)$/.exec(values.period) : null
    const amount = typeof values.amount === 'number' ? { amount: usd.format(values.amount) } : {}
    return { ...values, ...amount, ...(period ? { period: `${formatDate(period[1]!)} – ${formatDate(period[2]!)}` } : {}) }
  }
  return (
    <div className="space-y-6">
      <PageHeader back={{ to: urls.project(project.id), label: project.title }} title={t('projectPages.timeline.heading')} lead={audience === 'party' ? t('projectPages.timeline.partyLead') : t('projectPages.timeline.publicLead')} />
      {!project.published ? <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t('projectPages.page.notPublic')}</p> : null}
      <section className="card" aria-labelledby="events-title">
        <h2 id="events-title" className="sr-only">
          {t('projectPages.timeline.events')}
        </h2>
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">{t('projectPages.timeline.empty')}</p>
        ) : (
          <ol className="relative space-y-5 border-s-2 border-slate-200 ps-5">
            {events.map((e, i) => (
              <li key={`${i}-${e.kind}`} className="relative">
                <span aria-hidden="true" className={`absolute -start-[1.7rem] top-1.5 size-3 rounded-full ${e.public ? 'bg-brand-700' : 'bg-slate-400'}`} />
                <p className="text-sm text-slate-600">
                  <DateTime value={e.at} dateOnly />
                </p>
                <p className="text-slate-900">{t(dynamicKey(`projectTerms.timeline.kinds.${e.kind}`), readable(e.values))}</p>
                {audience === 'party' && !e.public ? <p className="text-xs text-slate-600">{t('projectPages.timeline.partiesOnly')}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
