import { Form } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'

/** On a closed project's approved final report: start a practice prefilled from it (a plain POST, then its edit page). */
export function ShareAsPractice() {
  const { t } = useTranslation()
  const busy = useIsPending({ intent: 'sharePractice', state: 'non-idle' })
  return (
    <section aria-labelledby="share-practice" className="card space-y-3">
      <h2 id="share-practice">{t('practices.fromProject.title')}</h2>
      <p className="max-w-3xl text-sm text-slate-700">{t('practices.fromProject.lead')}</p>
      <Form method="post">
        <button type="submit" name="intent" value="sharePractice" className="btn-primary" disabled={busy}>
          {t('practices.fromProject.button')}
        </button>
      </Form>
    </section>
  )
}
