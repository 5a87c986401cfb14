import { useTranslation } from '~/utils/i18n-react'
import { DateTime, useFormatDate } from '~/components/date-time'
import { Facts } from '~/components/facts'
import { formatMoney } from '~/components/money'
import type { MilestoneStatus } from '#db/schema/projects'
import { urls } from '~/utils/urls'

export interface MilestoneView {
  id: string
  position: number
  title: string
  description: string
  deliverable: string
  dueDate: string
  trancheAmount: number | null
  status: MilestoneStatus
  evidence: string | null
  evidenceLinks: string[]
  reviewComment: string | null
  submittedAt: Date | null
  approvedAt: Date | null
}

export interface MilestoneDocument {
  id: string
  fileName: string
  size: number
  createdAt: Date
  uploadedBy: string | null
}

/** What the milestone is: when it is due (and whether that has passed), what it delivers, what it releases. */
export function MilestoneDetails({ milestone, currency, overdue }: { milestone: MilestoneView; currency: string; overdue: boolean }) {
  const { t, i18n } = useTranslation()
  const formatDate = useFormatDate()
  return (
    <section aria-labelledby="details-title" className="card space-y-4">
      <h2 id="details-title">{t('reporting.milestone.details')}</h2>
      <Facts
        items={[
          {
            label: t('reporting.milestone.due'),
            value: overdue ? <strong className="font-medium text-red-800">{t('reporting.milestone.overdue', { date: formatDate(milestone.dueDate) })}</strong> : formatDate(milestone.dueDate),
          },
          { label: t('reporting.milestone.deliverable'), value: <span className="whitespace-pre-line">{milestone.deliverable}</span> },
          { label: t('reporting.milestone.description'), value: milestone.description ? <span className="whitespace-pre-line">{milestone.description}</span> : null },
          {
            label: t('reporting.milestone.tranche'),
            value:
              milestone.trancheAmount === null ? (
                <span className="text-slate-600">{t('reporting.milestone.noTranche')}</span>
              ) : (
                milestone.status === 'waived' ? (
                  formatMoney(i18n.language, milestone.trancheAmount, currency)
                ) : (
                  t('reporting.milestone.trancheValue', { amount: formatMoney(i18n.language, milestone.trancheAmount, currency) })
                )
              ),
          },
          { label: t('reporting.milestone.submittedOn'), value: milestone.submittedAt ? <DateTime value={milestone.submittedAt} dateOnly /> : null },
          { label: t('reporting.milestone.approvedOn'), value: milestone.approvedAt ? <DateTime value={milestone.approvedAt} dateOnly /> : null },
        ]}
      />
    </section>
  )
}

function useFileSize() {
  const { i18n } = useTranslation()
  return (bytes: number) => {
    const [unit, value] = bytes >= 1024 * 1024 ? (['megabyte', bytes / (1024 * 1024)] as const) : bytes >= 1024 ? (['kilobyte', bytes / 1024] as const) : (['byte', bytes] as const)
    return new Intl.NumberFormat(i18n.language || 'en', { style: 'unit', unit, maximumFractionDigits: unit === 'megabyte' ? 1 : 0 }).format(value)
  }
}

/** What was handed in: the implementer's account, links to see the work, and the files attached. */
export function MilestoneEvidence({ projectId, milestone, documents }: { projectId: string; milestone: MilestoneView; documents: MilestoneDocument[] }) {
  const { t } = useTranslation()
  const nothing = !milestone.evidence && milestone.evidenceLinks.length === 0 && documents.length === 0
  return (
    <section aria-labelledby="evidence-title" className="card space-y-5">
      <h2 id="evidence-title">{t('reporting.milestone.evidence')}</h2>
      {milestone.evidence ? <p className="max-w-3xl whitespace-pre-line text-slate-800">{milestone.evidence}</p> : <p className="text-sm text-slate-600">{t('reporting.milestone.evidenceNone')}</p>}
      {milestone.evidenceLinks.length > 0 ? <EvidenceLinks links={milestone.evidenceLinks} /> : null}
      {nothing ? null : <EvidenceDocuments projectId={projectId} documents={documents} />}
    </section>
  )
}

function EvidenceLinks({ links }: { links: string[] }) {
  const { t } = useTranslation()
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold text-slate-800">{t('reporting.milestone.links')}</h3>
      <ul className="list-disc space-y-1 ps-5 text-sm">
        {links.map((href) => (
          <li key={href} className="break-all">
            {/* Links typed by a party: never pass our page as referrer nor vouch for them. */}
            <a href={href} rel="noopener noreferrer nofollow">
              {href}
            </a>
          </li>
        ))}
      </ul>
    </div>
  )
}

function EvidenceDocuments({ projectId, documents }: { projectId: string; documents: MilestoneDocument[] }) {
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const fileSize = useFileSize()
  return (
    <div className="space-y-1">
      <h3 className="text-sm font-semibold text-slate-800">{t('reporting.milestone.documents')}</h3>
      {documents.length === 0 ? (
        <p className="text-sm text-slate-600">{t('reporting.milestone.noDocuments')}</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {documents.map((d) => (
            <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-0.5 py-2">
              <a href={urls.projectDocument(projectId, d.id)} className="break-all font-medium">
                {d.fileName}
              </a>
              <span className="text-slate-600">
                {t('reporting.milestone.documentMeta', { size: fileSize(d.size), date: formatDate(d.createdAt) })}
                {d.uploadedBy ? t('reporting.milestone.documentBy', { name: d.uploadedBy }) : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
