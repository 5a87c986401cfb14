import { Form, Link } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime, useFormatDate } from '~/components/date-time'
import { FormErrors } from '~/components/forms'
import { Money } from '~/components/money'
import type { Project } from '~/domain/projects/access.server'
import type { ProjectWorkspace, WorkspaceAbilities } from '~/domain/projects/workspace.server'
import { MilestoneStatusBadge, ReviewStatusBadge } from '../project-status'
import { errorsOf, replyFor, useFreshFormKey, type Reply } from './reply'
import { AddIndicatorForm, AddMilestoneForm, WorkplanReviewForm } from './workplan-forms'
import { TableScroll } from './table-scroll'
import { dynamicKey } from '~/utils/i18n'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

/** The plan of record: milestones with their tranches, and the results framework the project reports against. */
export function WorkplanSection({ project, workspace, can, reply }: { project: Project; workspace: ProjectWorkspace; can: WorkspaceAbilities; reply: Reply }) {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'submitWorkplan' })
  const status = project.workplanStatus
  const formKey = useFreshFormKey()
  const refused = ['submitWorkplan', 'removeMilestone', 'removeIndicator'].flatMap((intent) => errorsOf(replyFor(reply, intent)))
  return (
    <section id="workplan" aria-labelledby="workplan-title" className="card space-y-6">
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="workplan-title">{t('workspace.workplan.title')}</h2>
          <ReviewStatusBadge status={status} />
        </div>
        <p className="text-sm text-slate-700">
          {status === 'approved' && project.workplanApprovedAt ? (
            <>
              {t('workspace.workplan.approvedOn')} <DateTime value={project.workplanApprovedAt} dateOnly />
            </>
          ) : (
            t(`workspace.workplan.lead.${status}`)
          )}
        </p>
        {status === 'returned' && project.workplanComment ? (
          <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
            <p className="font-medium">{t('workspace.workplan.comment')}</p>
            <p className="mt-1 whitespace-pre-line">{project.workplanComment}</p>
          </div>
        ) : null}
      </div>
      <FormErrors id="workplan-errors" errors={refused} />
      <MilestonesTable project={project} workspace={workspace} canRemove={can.editWorkplan} />
      {can.editWorkplan ? <AddMilestoneForm key={`milestone-${formKey}`} project={project} reply={replyFor(reply, 'addMilestone')} /> : null}
      <IndicatorsTable workspace={workspace} canRemove={can.editWorkplan} />
      {can.editWorkplan ? <AddIndicatorForm key={`indicator-${formKey}`} reply={replyFor(reply, 'addIndicator')} /> : null}
      {can.submitWorkplan ? (
        <Form method="post" className="space-y-2 border-t border-slate-100 pt-4">
          <input type="hidden" name="intent" value="submitWorkplan" />
          <p className="hint">{t('workspace.workplan.submitHint')}</p>
          <button type="submit" className="btn-primary" disabled={busy}>
            {t('workspace.workplan.submit')}
          </button>
        </Form>
      ) : null}
      {can.reviewWorkplan ? <WorkplanReviewForm key={`review-${formKey}`} reply={replyFor(reply, 'reviewWorkplan')} /> : null}
    </section>
  )
}

function MilestonesTable({ project, workspace, canRemove }: { project: Project; workspace: ProjectWorkspace; canRemove: boolean }) {
  const busy = useIsPending({ intent: 'removeMilestone' })
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const overdue = new Set(workspace.due.filter((d) => d.kind === 'milestone' && d.overdue).map((d) => d.id))
  if (workspace.milestones.length === 0) return <p className="text-sm text-slate-600">{t('workspace.workplan.noMilestones')}</p>
  return (
    <TableScroll captionId="milestones-caption">
      <table className="data-table">
        <caption id="milestones-caption" className="mb-2 text-start text-base font-semibold text-slate-900">{t('workspace.workplan.milestones')}</caption>
        <TableHead columns={[t('workspace.workplan.columns.position'), t('workspace.workplan.columns.milestone'), t('workspace.workplan.columns.due'), t('workspace.workplan.columns.deliverable'), { label: t('workspace.workplan.columns.tranche'), numeric: true }, t('workspace.workplan.columns.status')]}>
          {canRemove ? (
            <th scope="col">
              <span className="sr-only">{t('workspace.workplan.columns.actions')}</span>
            </th>
          ) : null}
        </TableHead>
        <tbody>
          {workspace.milestones.map((m) => (
            <tr key={m.id}>
              <td className="tabular-nums">{m.position}</td>
              <td className="min-w-40">
                <Link to={urls.projectMilestone(project.id, m.id)}>{m.title}</Link>
              </td>
              <td className="whitespace-nowrap">
                {formatDate(m.dueDate)}
                {overdue.has(m.id) ? (
                  <>
                    <br />
                    <strong className="badge mt-1 bg-red-100 text-red-900">{t('projectTerms.overdue')}</strong>
                  </>
                ) : null}
              </td>
              <td className="min-w-48 whitespace-pre-line">{m.deliverable}</td>
              <td className="whitespace-nowrap text-end tabular-nums">{m.trancheAmount !== null ? <Money minor={m.trancheAmount} currency={project.budgetCurrency} /> : '—'}</td>
              <td>
                <MilestoneStatusBadge status={m.status} />
              </td>
              {canRemove ? (
                <td>
                  {m.status === 'planned' ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="removeMilestone" />
                      <input type="hidden" name="milestoneId" value={m.id} />
                      <button type="submit" className="btn-danger px-2.5 py-1 text-xs" disabled={busy}>
                        {t('workspace.workplan.remove')}
                        <span className="sr-only">: {m.title}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}

function IndicatorsTable({ workspace, canRemove }: { workspace: ProjectWorkspace; canRemove: boolean }) {
  const busy = useIsPending({ intent: 'removeIndicator' })
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language || 'en', { maximumFractionDigits: 2 })
  const actuals = new Map(workspace.progress.indicators.map((i) => [i.id, i.actual]))
  if (workspace.indicators.length === 0) return <p className="text-sm text-slate-600">{t('workspace.workplan.noIndicators')}</p>
  return (
    <TableScroll captionId="indicators-caption">
      <table className="data-table">
        <caption id="indicators-caption" className="mb-2 text-start text-base font-semibold text-slate-900">{t('workspace.workplan.indicators')}</caption>
        <TableHead columns={[t('workspace.workplan.columns.level'), t('workspace.workplan.columns.indicator'), t('workspace.workplan.columns.unit'), { label: t('workspace.workplan.columns.baseline'), numeric: true }, { label: t('workspace.workplan.columns.target'), numeric: true }, { label: t('workspace.workplan.columns.actual'), numeric: true }, t('workspace.workplan.columns.disaggregation')]}>
          {canRemove ? (
            <th scope="col">
              <span className="sr-only">{t('workspace.workplan.columns.actions')}</span>
            </th>
          ) : null}
        </TableHead>
        <tbody>
          {workspace.indicators.map((i) => {
            const actual = actuals.get(i.id)
            return (
              <tr key={i.id}>
                <td>{t(`projectTerms.levels.${i.level}`)}</td>
                <td className="min-w-48">{i.name}</td>
                <td>{i.unit}</td>
                <td className="text-end tabular-nums">{number.format(i.baseline)}</td>
                <td className="text-end tabular-nums">{number.format(i.target)}</td>
                <td className="text-end tabular-nums">{actual === null || actual === undefined ? '—' : number.format(actual)}</td>
                <td>{i.disaggregation.length ? i.disaggregation.map((d) => t(dynamicKey(`projectTerms.dimensions.${d}`))).join(t('common.listSeparator')) : t('workspace.workplan.notDisaggregated')}</td>
                {canRemove ? (
                  <td>
                    <Form method="post">
                      <input type="hidden" name="intent" value="removeIndicator" />
                      <input type="hidden" name="indicatorId" value={i.id} />
                      <button type="submit" className="btn-danger px-2.5 py-1 text-xs" disabled={busy}>
                        {t('workspace.workplan.remove')}
                        <span className="sr-only">: {i.name}</span>
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            )
          })}
        </tbody>
      </table>
    </TableScroll>
  )
}
