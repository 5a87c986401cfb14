import { ObjectiveList } from '~/components/facts'
import type { ProjectStatus } from '#db/schema/projects'
import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { useFormatDate } from '~/components/date-time'
import { ProgressBar, ProjectStatusBadge } from '../project-status'
import { dynamicKey } from '~/utils/i18n'
import { urls } from '~/utils/urls'

export interface ProjectCardView {
  id: string
  title: string
  summary: string
  status: ProjectStatus
  state: string
  partners: { name: string; role: string }[]
  objectives: { number: number; title: string }[]
  countries: string[]
  percent: number | null
  startDate: string
  endDate: string
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  const { t } = useTranslation()
  return (
    <div className="flex min-w-0 gap-1">
      <dt className="shrink-0 text-slate-600">{t('projectPages.term', { term })}</dt>
      <dd className="min-w-0 break-words text-slate-800">{children}</dd>
    </div>
  )
}

/** One published project in the public list: who, where, on which objectives, and how far it has come. */
export function ProjectCard({ project: p }: { project: ProjectCardView }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  return (
    <article className="card space-y-3">
      <div className="space-y-1">
        <p>
          <ProjectStatusBadge status={p.status} />
        </p>
        <h3 className="text-base font-semibold sm:text-lg" dir="auto">
          <Link to={urls.project(p.id)}>{p.title}</Link>
        </h3>
        <p className="line-clamp-2 text-sm text-slate-700">{p.summary}</p>
      </div>
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
        <Fact term={t('projectPages.card.state')}>{p.state}</Fact>
        {p.partners.length ? (
          <Fact term={t('projectPages.card.partners')}>{p.partners.map((x) => `${x.name} (${t(dynamicKey(`projectTerms.roles.${x.role}`))})`).join(t('common.listSeparator'))}</Fact>
        ) : null}
        {p.countries.length ? <Fact term={t('projectPages.card.countries')}>{p.countries.join(t('common.listSeparator'))}</Fact> : null}
        <Fact term={t('projectPages.card.dates')}>
          <time dateTime={p.startDate}>{formatDate(p.startDate)}</time> – <time dateTime={p.endDate}>{formatDate(p.endDate)}</time>
        </Fact>
        <div className="flex min-w-0 gap-1 sm:col-span-2">
          <dt className="shrink-0 text-slate-600">{t('projectPages.term', { term: t('projectPages.card.objectives') })}</dt>
          <dd className="min-w-0">
            <ObjectiveList objectives={p.objectives} className="flex flex-wrap gap-x-3 gap-y-2" />
          </dd>
        </div>
      </dl>
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3 text-sm">
        <span className="text-slate-600">{t('projectPages.term', { term: t('projectTerms.progress') })}</span>
        <ProgressBar percent={p.percent} label={t('projectPages.card.progressOf', { title: p.title })} />
      </div>
    </article>
  )
}
