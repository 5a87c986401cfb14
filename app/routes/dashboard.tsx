import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from '~/components/date-time'
import { formatScore, SuggestionReasons } from '~/components/suggestion-reasons'
import { explainFactors } from '~/domain/matching/reasons'
import { StatusBadge } from '~/components/facts'
import { YourProjects } from '~/components/projects/public/your-projects'
import { FundingInvitations } from '~/components/projects/funding-invitations'
import { fundingInvitationsFor } from '~/domain/projects/funders.server'
import { matchesOfProviders, storedRequestsForProviders } from '~/domain/matching/matches.server'
import { suggestionsForOrganizationsWithoutOffers } from '~/domain/matching/profile-suggestions.server'
import { offersOfOrganizations } from '~/domain/offers/offers.server'
import { organizationsOf } from '~/domain/organizations/organizations.server'
import { projectSummaries } from '~/domain/projects/portfolio.server'
import { requestsOfOrganizations, screeningQueue } from '~/domain/requests/requests.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { can } from '~/domain/access/abilities'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

/** States and local authorities request support; every other organisation is a partner or a donor. */
const isRequestingType = (type: string) => type === 'state' || type === 'local_authority'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { t, locale } = await requestTranslator(request)
  const organizations = await organizationsOf(db, user.id)
  const ids = organizations.map((o) => o.id)
  const verifiedIds = organizations.filter((o) => o.verificationStatus === 'verified').map((o) => o.id)
  // Partners and donors: a verified organisation that does not request support.
  const providerIds = organizations.filter((o) => o.verificationStatus === 'verified' && !isRequestingType(o.type)).map((o) => o.id)
  const [requests, offers, queue, suggested, providerMatches, projects, fundingInvitations, fromProfiles] = await Promise.all([
    requestsOfOrganizations(db, ids),
    offersOfOrganizations(db, ids),
    can(user, 'screen:request') ? screeningQueue(db, user) : null,
    storedRequestsForProviders(db, verifiedIds),
    matchesOfProviders(db, verifiedIds),
    projectSummaries(db, { organizationIds: verifiedIds, limit: 50 }),
    fundingInvitationsFor(db, user),
    suggestionsForOrganizationsWithoutOffers(db, providerIds),
  ])
  return {
    title: t('dashboard.title'),
    organizations: organizations.map((o) => ({
      ...o,
      verified: o.verificationStatus === 'verified',
      requesting: isRequestingType(o.type),
    })),
    requests,
    offers,
    suggested: suggested.map(({ factors, ...s }) => ({ ...s, reasons: explainFactors(factors, locale, t) })),
    fromProfiles: fromProfiles.map(({ organizationId, hasProfile, suggestions }) => {
      const org = organizations.find((o) => o.id === organizationId)!
      return {
        organization: { id: org.id, slug: org.slug, name: org.name },
        mayEditProfile: can(user, 'update:organization', { role: org.role, organizationVerified: true }),
        hasProfile,
        suggestions: suggestions.map(({ requestId, title, score, factors }) => ({ requestId, title, score, reasons: explainFactors(factors, locale, t) })),
      }
    }),
    providerMatches,
    screening: queue?.length ?? null,
    projects: projects.items.map(({ id, title, status, progress, nextDue, overdue }) => ({ id, title, status, percent: progress.percent, nextDue, overdue })),
    portfolio: can(user, 'manage:project'),
    fundingInvitations,
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['dashboard', 'matchReasons', 'matches', 'offerKinds', 'offerStatuses', 'organizations', 'projectPages', 'projectTerms', 'requestStatuses', 'requests', 'supportTypes'] }

export default function Dashboard() {
  const { organizations, requests, offers, screening, suggested, fromProfiles, providerMatches, projects, portfolio, fundingInvitations } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const orgName = (id: string) => organizations.find((o) => o.id === id)?.name ?? ''
  const requesting = organizations.filter((o) => o.requesting && o.verified)
  const offering = organizations.filter((o) => o.verified)
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1>{t('dashboard.title')}</h1>
        <p className="text-slate-700">{t('dashboard.lead')}</p>
        {screening !== null ? (
          <p>
            <Link to={urls.secretariatRequests()} className="btn-primary">
              {t('dashboard.screeningQueue', { count: screening })}
            </Link>
          </p>
        ) : null}
      </header>

      {organizations.length === 0 ? (
        <p className="card">
          {t('dashboard.noOrganizations')} <Link to={urls.newOrganization()}>{t('organizations.create')}</Link>
        </p>
      ) : null}
      {organizations
        .filter((o) => !o.verified)
        .map((o) => (
          <p key={o.id} className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
            {t('dashboard.pendingVerification', { organization: o.name })}
          </p>
        ))}

      <FundingInvitations invitations={fundingInvitations} />

      {projects.length > 0 || portfolio ? <YourProjects projects={projects} portfolio={portfolio} /> : null}

      {requesting.length > 0 || requests.length > 0 ? (
        <section aria-labelledby="requests-title" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="requests-title">{t('dashboard.requests')}</h2>
            <div className="flex flex-wrap gap-2">
              {requesting.map((o) => (
                <Link key={o.id} to={urls.newRequest(o.slug)} className="btn-primary">
                  {t('dashboard.newRequest', { organization: o.name })}
                </Link>
              ))}
            </div>
          </div>
          <ItemTable
            empty={t('dashboard.noRequests')}
            rows={requests.map((r) => ({
              id: r.id,
              href: urls.request(r.id),
              title: r.title,
              organization: orgName(r.organizationId),
              status: r.status,
              statusLabel: t(`requestStatuses.${r.status}`),
              updatedAt: r.updatedAt,
            }))}
          />
        </section>
      ) : null}

      {suggested.length > 0 || offers.some((o) => o.status === 'active') ? (
        <section aria-labelledby="suggested-title" className="space-y-3">
          <h2 id="suggested-title">{t('matches.suggestedRequests')}</h2>
          <p className="text-sm text-slate-700">{t('matches.suggestedRequestsLead')}</p>
          {suggested.length === 0 ? <p className="card text-slate-700">{t('matches.noSuggestedRequests')}</p> : null}
          <ol className="space-y-3">
            {suggested.map((s) => (
              <li key={`${s.requestId}-${s.offerId}`} className="card space-y-1">
                <h3 className="text-base font-semibold">
                  <Link to={urls.request(s.requestId)}>{s.title}</Link>
                </h3>
                <p className="text-sm text-slate-600">
                  {t('matches.forOffer', { offer: s.offerTitle })} · {t('matches.score', { score: formatScore(s.score) })}
                </p>
                <SuggestionReasons reasons={s.reasons} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {fromProfiles.map((entry) => (
        <ProfileSuggestions key={entry.organization.id} {...entry} />
      ))}

      {providerMatches.length > 0 ? (
        <section aria-labelledby="my-matches-title" className="space-y-3">
          <h2 id="my-matches-title">{t('matches.yourMatches')}</h2>
          <ul className="card divide-y divide-slate-100 py-2">
            {providerMatches.map((m) => (
              <li key={m.id} className="py-2 text-sm">
                <Link to={urls.match(m.id)}>{m.requestTitle}</Link> · {m.providerName} · <strong>{t(`matches.statuses.${m.status}`)}</strong>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {offering.length > 0 || offers.length > 0 ? (
        <section aria-labelledby="offers-title" className="space-y-3">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 id="offers-title">{t('dashboard.offers')}</h2>
            <div className="flex flex-wrap gap-2">
              {offering.map((o) => (
                <Link key={o.id} to={urls.newOffer(o.slug)} className="btn-secondary">
                  {t('dashboard.newOffer', { organization: o.name })}
                </Link>
              ))}
            </div>
          </div>
          <ItemTable
            empty={t('dashboard.noOffers')}
            rows={offers.map((o) => ({
              id: o.id,
              href: urls.offer(o.id),
              title: `${o.title} (${t(`offerKinds.${o.kind}`)})`,
              organization: orgName(o.organizationId),
              status: o.status,
              statusLabel: t(`offerStatuses.${o.status}`),
              updatedAt: o.updatedAt,
            }))}
          />
        </section>
      ) : null}
    </div>
  )
}

/** Requests that fit an organisation's profile, while it has no active offer; without a profile, a call to write one. */
function ProfileSuggestions({
  organization,
  mayEditProfile,
  hasProfile,
  suggestions,
}: {
  organization: { id: string; slug: string; name: string }
  mayEditProfile: boolean
  hasProfile: boolean
  suggestions: { requestId: string; title: string; score: number; reasons: string[] }[]
}) {
  const { t } = useTranslation()
  const titleId = `profile-suggestions-${organization.id}`
  const profileLink = mayEditProfile ? (
    <Link to={urls.organizationProfile(organization.slug)} className={hasProfile ? undefined : 'btn-primary'}>
      {t(hasProfile ? 'dashboard.profileSuggestions.editProfile' : 'dashboard.profileSuggestions.fillProfile')}
    </Link>
  ) : null
  return (
    <section aria-labelledby={titleId} className="space-y-3">
      <h2 id={titleId}>{t('dashboard.profileSuggestions.title', { organization: organization.name })}</h2>
      {!hasProfile ? (
        <div className="card space-y-3">
          <p className="text-slate-700">{t('dashboard.profileSuggestions.noProfile', { organization: organization.name })}</p>
          {profileLink ? <p>{profileLink}</p> : null}
        </div>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {t('dashboard.profileSuggestions.lead', { organization: organization.name })} {profileLink}
          </p>
          {suggestions.length === 0 ? <p className="card text-slate-700">{t('dashboard.profileSuggestions.none')}</p> : null}
          <ol className="space-y-3">
            {suggestions.map((s) => (
              <li key={s.requestId} className="card space-y-1">
                <h3 className="text-base font-semibold">
                  <Link to={urls.request(s.requestId)}>{s.title}</Link>
                </h3>
                <p className="text-sm text-slate-600">{t('matches.score', { score: formatScore(s.score) })}</p>
                <SuggestionReasons reasons={s.reasons} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}

function ItemTable({
  rows,
  empty,
}: {
  rows: { id: string; href: string; title: string; organization: string; status: string; statusLabel: string; updatedAt: string | Date }[]
  empty: string
}) {
  const { t } = useTranslation()
  if (rows.length === 0) return <p className="card text-slate-700">{empty}</p>
  return (
    <div className="card overflow-x-auto p-0 sm:p-0">
      <table className="data-table">
        <TableHead columns={[t('requests.fields.title'), t('organizations.name'), t('requests.status'), t('dashboard.updated')]} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={row.href}>{row.title}</Link>
              </td>
              <td>{row.organization}</td>
              <td>
                <StatusBadge status={row.status} label={row.statusLabel} />
              </td>
              <td>
                <DateTime value={row.updatedAt} dateOnly />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
