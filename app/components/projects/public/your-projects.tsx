import type { ProjectStatus } from '#db/schema/projects'
import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { DueItem } from '~/domain/projects/progress'
import { OverdueCount, ProjectStandingCells } from './due'
import { ScrollRegion } from './project-sections'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

export interface YourProject {
  id: string
  title: string
  status: ProjectStatus
  percent: number | null
  nextDue: DueItem | null
  overdue: number
}

/** The dashboard's list of the projects a person's organisations take part in. */
export function YourProjects({ projects, portfolio }: { projects: YourProject[]; portfolio: boolean }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="projects-title" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="projects-title">{t('projectPages.dashboard.title')}</h2>
        {portfolio ? (
          <Link to={urls.secretariatProjects()} className="btn-secondary">
            {t('projectPages.dashboard.portfolio')}
          </Link>
        ) : null}
      </div>
      {projects.length === 0 ? (
        <p className="card text-slate-700">{t('projectPages.dashboard.none')}</p>
      ) : (
        <div className="card p-0 sm:p-0">
          <ScrollRegion label={t('projectPages.dashboard.title')}>
            <table className="data-table">
              <TableHead columns={[t('projectPages.portfolio.project'), t('projectPages.portfolio.status'), t('projectTerms.progress'), t('projectPages.portfolio.nextDue')]} />
              <tbody>
                {projects.map((p) => (
                  <tr key={p.id}>
                    <td className="min-w-48">
                      <Link to={urls.projectWorkspace(p.id)}>{p.title}</Link>
                      {p.overdue > 0 ? (
                        <span className="mt-1 block">
                          <OverdueCount count={p.overdue} />
                        </span>
                      ) : null}
                    </td>
                    <ProjectStandingCells project={p} />
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </div>
      )}
    </section>
  )
}
