import type { TFunction } from 'i18next'
import type { AlertFrequency, AlertListing } from '#db/schema/index'
import { absoluteUrl, urls } from '~/utils/urls'

export interface AlertSection {
  alert: { id: string; listing: AlertListing; search: string; name: string }
  items: { id: string; title: string; organization: { name: string } }[]
  /** Stops this alert alone. */
  unsubscribeToken: string
}

/** An email lists this many items of a search at most; the search itself shows the rest. */
export const ITEMS_LISTED_PER_SEARCH = 20

const itemPath = (listing: AlertListing, id: string) => (listing === 'requests' ? urls.request(id) : urls.offer(id))

/**
 * An alert email in the recipient's language: the new items grouped by saved search, each search with its own
 * link to stop it, and one link that stops every alert in the email — also given as List-Unsubscribe with
 * List-Unsubscribe-Post (RFC 8058), so a mail client's "unsubscribe" button works without a sign-in.
 */
export function alertEmail(t: TFunction, options: { name: string; frequency: AlertFrequency; sections: AlertSection[]; emailToken: string; origin: string }) {
  const { name, frequency, sections, emailToken, origin } = options
  const count = sections.reduce((n, s) => n + s.items.length, 0)
  const unsubscribeAll = absoluteUrl(origin, urls.alertUnsubscribe(emailToken))
  const blocks = sections.map((s) => {
    const listed = s.items.slice(0, ITEMS_LISTED_PER_SEARCH)
    const more = s.items.length - listed.length
    const search = absoluteUrl(origin, s.alert.search)
    return [
      `== ${s.alert.name} ==`,
      ...listed.map((i) => `- ${i.title} (${i.organization.name})\n  ${absoluteUrl(origin, itemPath(s.alert.listing, i.id))}`),
      more ? t('alerts.email.moreInSearch', { count: more, url: search }) : t('alerts.email.seeSearch', { url: search }),
      ...(sections.length > 1 ? [t('alerts.email.stopThis', { url: absoluteUrl(origin, urls.alertUnsubscribe(s.unsubscribeToken)) })] : []),
    ].join('\n')
  })
  const text = [
    t('alerts.email.greeting', { name }),
    t(`alerts.email.intro.${frequency}`, { count }),
    ...blocks,
    [t('alerts.email.stopAll', { count: sections.length, url: unsubscribeAll }), t('alerts.email.manage', { url: absoluteUrl(origin, urls.alerts()) })].join('\n'),
    'Connection Hub',
  ].join('\n\n')
  return {
    subject: t(`alerts.email.subject.${frequency}`, { count }),
    text,
    headers: { 'List-Unsubscribe': `<${unsubscribeAll}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}
