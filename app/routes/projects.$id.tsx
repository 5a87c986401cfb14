import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { ProjectId } from '#db/schema/index'
import { useFormatDate } from '~/components/date-time'
import { Facts, ObjectiveList } from '~/components/facts'
import { BudgetSources, FinalReport, Indicators, Milestones, Participants, ProgressSummary } from '~/components/projects/public/project-sections'
import { ProjectStatusBadge } from '~/components/projects/project-status'
import { countryName } from '~/domain/geography/geography.server'
import { accessTo } from '~/domain/projects/access.server'
import { objectiveTitles, projectRow } from '~/domain/projects/listing.server'
import { describeProject, publicProject } from '~/domain/projects/public.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { pageTitle } from '~/utils/meta'
import { idParam } from '~/http/project-access.server'
import { getUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'
import { urls } from '~/utils/urls'

/** The public page; a party (or the secretariat) also sees it before it is published, marked as such. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const projectId = idParam<ProjectId>(params.id)
  const user = await getUser(request)
  const { locale } = await requestTranslator(request)
  const access = await accessTo(db, user, projectId)
  let project = await publicProject(db, projectId)
  if (!project && access.party) {
    const row = await projectRow(db, projectId)
    if (row) project = await describeProject(db, row)
  }
  if (!project) throw new Response('Not found', { status: 404 })
  const titles = objectiveTitles(locale)
  return {
    project,
    party: access.party,
    objectives: project.objectives.map((n) => ({ number: n, title: titles[n] ?? '' })),
    countries: project.countries.map((code) => countryName(code, locale)),
    state: project.participants.find((p) => p.role === 'accountable')?.name ?? null,
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['projectPages', 'projectTerms', 'requests'], hydrate: 'signed-in' }

export default function ProjectPage() {
  const { project: p, party, objectives, countries, state } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  return (
    <article className="space-y-6" aria-labelledby="project-title">
      {p.publishedAt === null ? <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t('projectPages.page.notPublic')}</p> : null}
      <header className="space-y-3">
        {state ? (
          <p className="text-sm text-slate-600">
            {t('projectPages.page.requestedBy')} <strong className="text-slate-900">{state}</strong>
          </p>
        ) : null}
        <h1 id="project-title" dir="auto">
          {p.title}
        </h1>
        <p className="flex flex-wrap items-center gap-2">
          <ProjectStatusBadge status={p.status} />
          {countries.map((c) => (
            <span key={c} className="badge bg-slate-100 text-slate-800">
              {c}
            </span>
          ))}
        </p>
        <p className="max-w-3xl whitespace-pre-line text-lg text-slate-700" dir="auto">
          {p.summary}
        </p>
        <div className="max-w-xl rounded-md border border-slate-200 bg-white p-4">
          <h2 className="sr-only">{t('projectTerms.progress')}</h2>
          <ProgressSummary title={p.title} progress={p.progress} />
        </div>
        <p className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <Link to={urls.projectTimeline(p.id)}>{t('projectPages.page.timelineLink')}</Link>
          {party ? (
            <Link to={urls.projectWorkspace(p.id)} className="font-medium">
              {t('projectPages.page.workspaceLink')}
            </Link>
          ) : null}
        </p>
      </header>

      {p.cancelReason ? <p className="rounded-md border border-slate-200 bg-slate-100 p-3 text-sm text-slate-800">{t('projectPages.page.cancelled', { reason: p.cancelReason })}</p> : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <section className="card min-w-0 self-start" aria-label={t('projectPages.page.about')}>
          <Facts
            items={[
              {
                label: t('projectPages.page.objectives'),
                value: <ObjectiveList objectives={objectives} />,
              },
              { label: t('projectPages.page.countries'), value: countries.join(t('common.listSeparator')) },
              { label: t('projectPages.page.dates'), value: t('projectPages.page.dateRange', { start: formatDate(p.startDate), end: formatDate(p.endDate) }) },
              { label: t('projectPages.page.startedAt'), value: p.startedAt ? formatDate(p.startedAt) : null },
              { label: t('projectPages.page.completedAt'), value: p.completedAt ? formatDate(p.completedAt) : null },
              { label: t('projectPages.page.closedAt'), value: p.closedAt ? formatDate(p.closedAt) : null },
              { label: t('projectPages.page.request'), value: <Link to={urls.request(p.requestId)}>{t('projectPages.page.requestLink')}</Link> },
              { label: t('projectPages.page.rating'), value: p.evaluationRating ? t('projectPages.page.ratingValue', { rating: p.evaluationRating }) : null },
            ]}
          />
        </section>

        <aside className="space-y-4" aria-label={t('projectPages.page.sideFacts')}>
          <section className="card space-y-2" aria-labelledby="participants-title">
            <h2 id="participants-title" className="text-base">
              {t('projectPages.page.participants')}
            </h2>
            <Participants participants={p.participants} />
          </section>
          <section className="card space-y-2" aria-labelledby="sources-title">
            <h2 id="sources-title" className="text-base">
              {t('projectPages.page.funding')}
            </h2>
            <BudgetSources budget={p.budget} fund={p.fund} />
          </section>
        </aside>
      </div>

      <section className="card space-y-3" aria-labelledby="milestones-title">
        <h2 id="milestones-title">{t('projectPages.page.milestones')}</h2>
        <Milestones milestones={p.milestones} />
      </section>

      <section className="card space-y-3" aria-labelledby="results-title">
        <h2 id="results-title">{t('projectPages.page.results')}</h2>
        <p className="hint">{t('projectPages.page.resultsHint')}</p>
        <Indicators indicators={p.indicators} />
      </section>

      {p.finalReport ? (
        <section className="card space-y-3" aria-labelledby="report-title">
          <h2 id="report-title">{t('projectPages.page.finalReport')}</h2>
          <FinalReport report={p.finalReport} />
        </section>
      ) : null}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: pageTitle(data.project.title) },
        { name: 'description', content: data.project.summary.slice(0, 300) },
        ...(data.project.publishedAt === null ? [{ name: 'robots', content: 'noindex' }] : []),
      ]
    : [{ title: pageTitle('Project') }]

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
