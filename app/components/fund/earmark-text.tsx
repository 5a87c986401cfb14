import { Link } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { urls } from '~/utils/urls'

export type EarmarkTargetView =
  | { kind: 'fund' }
  | { kind: 'objective'; objective: number; title: string }
  | { kind: 'project'; projectId: string; published: boolean; title: string | null }

/** What a contribution is earmarked for, linked to the objective's or the (published) project's page. */
export function EarmarkText({ target }: { target: EarmarkTargetView }) {
  const { t } = useTranslation()
  if (target.kind === 'objective') return <Link to={urls.objective(target.objective)}>{t('fundPages.earmark.objective', { number: target.objective, title: target.title })}</Link>
  if (target.kind === 'project') {
    if (!target.title) return <>{t('fundPages.earmark.unpublishedProject')}</>
    const text = t('fundPages.earmark.project', { title: target.title })
    return target.published ? <Link to={urls.project(target.projectId)}>{text}</Link> : <>{text}</>
  }
  return <>{t('fundPages.earmark.fund')}</>
}
