import { Form, Link, useLocation } from '@remix-run/react'
import { alertFrequencies, type AlertFrequency } from '#db/schema/enum-values'
import { MAX_ALERT_NAME } from '~/domain/alerts/limits'
import { href, type BrowseState } from '~/domain/catalogue/params'
import { useTranslation } from '~/utils/i18n-react'
import { useIsPending } from '~/utils/use-is-pending'
import { urls } from '~/utils/urls'

export interface SaveSearchOffer {
  signedIn: boolean
  /** The name the alert gets unless the person types another: the search's words and filters. */
  defaultName: string
}

/** "Save this search" on the requests and offers pages: `POST /alerts` with the search, a name and a frequency. */
export function SaveSearch({ listing, state, offer }: { listing: 'requests' | 'offers'; state: BrowseState; offer: SaveSearchOffer }) {
  const { t } = useTranslation()
  const here = useLocation()
  const pending = useIsPending({ formAction: urls.alerts() })
  if (!offer.signedIn) {
    return (
      <p className="text-sm">
        <Link to={urls.login(`${here.pathname}${here.search}`)}>{t('alerts.save.signIn')}</Link>
      </p>
    )
  }
  return (
    <section aria-labelledby="save-search-heading" className="card space-y-3">
      <h2 id="save-search-heading" className="text-lg">
        {t('alerts.save.heading')}
      </h2>
      <p className="text-sm text-slate-700">{t('alerts.save.lead')}</p>
      <Form method="post" action={urls.alerts()} className="flex flex-wrap items-end gap-3">
        <input type="hidden" name="search" value={href(urls[listing](), { ...state, page: 1, sort: null })} />
        <label className="min-w-0 flex-1 text-sm">
          {t('alerts.save.name')}
          <input name="name" defaultValue={offer.defaultName} maxLength={MAX_ALERT_NAME} required className="input mt-1 block w-full" />
        </label>
        <FrequencySelect label={t('alerts.frequency.label')} defaultValue="daily" />
        <button type="submit" className="btn-primary" disabled={pending}>
          {t('alerts.save.submit')}
        </button>
      </Form>
    </section>
  )
}

/** How often an alert is sent, as the save form and the alerts page ask it (the field `frequency`). */
export function FrequencySelect({ label, defaultValue }: { label: string; defaultValue: AlertFrequency }) {
  const { t } = useTranslation()
  return (
    <label className="text-sm">
      {label}
      <select name="frequency" defaultValue={defaultValue} className="input mt-1 block">
        {alertFrequencies.map((f) => (
          <option key={f} value={f}>
            {t(`alerts.frequency.${f}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
