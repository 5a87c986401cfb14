import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { memberRoles, type SupportType } from '#db/schema/enum-values'
import { DateTime, useFormatDate } from '~/components/date-time'
import { VerificationBadge } from '~/components/status-badge'
import { membersOf, openInvitationsOf } from '~/domain/organizations/members.server'
import { profileOf } from '~/domain/organizations/profiles.server'
import { countryName, regionName } from '~/domain/geography/geography.server'
import { languageName } from '~/domain/vocabulary/codes'
import { listObjectives } from '~/domain/vocabulary/vocabulary.server'
import { formatMoney } from '~/components/money'
import { requestTranslator } from '~/utils/i18n.server'
import { db } from '~/utils/db.server'
import { requireOrganization } from '~/http/organization-access.server'
import { can } from '~/domain/access/abilities'
import type { I18nHandle } from '~/utils/i18n-page'
import { TableHead } from '~/components/table-head'
import { urls } from '~/utils/urls'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, org, membership } = await requireOrganization(request, params.slug, 'read:organization')
  const canInvite = can(user, 'invite:member', membership)
  const [members, invitations, profile] = await Promise.all([membersOf(db, org), canInvite ? openInvitationsOf(db, org) : [], profileOf(db, org.id)])
  const { locale } = await requestTranslator(request)
  const objectiveTitles = new Map(listObjectives(locale).map((o) => [o.number, o.shortTitle]))
  return {
    title: org.name,
    org: {
      slug: org.slug,
      name: org.name,
      type: org.type,
      country: org.country,
      website: org.website,
      description: org.description,
      verificationStatus: org.verificationStatus,
      verifiedAt: org.verifiedAt,
      rejectionReason: org.rejectionReason,
    },
    me: user.id,
    // What the organisation works on, named in the reader's language.
    profile: profile && {
      objectives: profile.objectives.map((n) => `${n}. ${objectiveTitles.get(n) ?? ''}`),
      places: [...profile.regions.map((c) => regionName(c, locale)), ...profile.countries.map((c) => countryName(c, locale))],
      supportTypes: profile.supportTypes as SupportType[],
      languages: profile.languages.map((l) => languageName(l, locale)),
      financing:
        profile.financingMinUsd !== null && profile.financingMaxUsd !== null
          ? `${formatMoney(locale, profile.financingMinUsd, 'USD')}–${formatMoney(locale, profile.financingMaxUsd, 'USD')}`
          : null,
    },
    members,
    invitations,
    abilities: {
      update: can(user, 'update:organization', membership),
      invite: canInvite,
      manage: can(user, 'manage:member', membership),
      isMember: Boolean(membership),
    },
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['auth', 'organizationTypes', 'organizations', 'roles', 'supportTypes', 'verification'] }

export default function OrganizationPage() {
  const { org, profile, members, invitations, abilities, me } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  // Remount the role selectors after every navigation, so a refused change shows the stored role again.
  const { key: navigationKey } = useLocation()
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1>{org.name}</h1>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-slate-700">
            <span>
              {t(`organizationTypes.${org.type}`)}
              {org.country ? ` · ${org.country}` : ''}
            </span>
            <VerificationBadge status={org.verificationStatus} />
          </p>
        </div>
        {abilities.update ? (
          <Link to={urls.organizationEdit(org.slug)} className="btn-secondary">
            {t('organizations.edit')}
          </Link>
        ) : null}
      </header>

      {org.verificationStatus === 'pending' ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">{t('organizations.pendingNotice')}</p>
      ) : org.verificationStatus === 'rejected' ? (
        <p className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {t('organizations.rejectedNotice', { reason: org.rejectionReason })}
        </p>
      ) : org.verifiedAt ? (
        <p className="text-sm text-slate-600">
          {t('organizations.verifiedNotice', { date: formatDate(org.verifiedAt) })}
        </p>
      ) : null}

      {org.description || org.website ? (
        <section className="card space-y-2">
          {org.description ? <p className="whitespace-pre-line">{org.description}</p> : null}
          {org.website ? (
            <p>
              <a href={org.website} rel="noopener noreferrer">
                {org.website}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="card space-y-3" aria-labelledby="profile-title">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="profile-title">{t('organizations.profile.heading')}</h2>
          {abilities.update ? (
            <Link to={urls.organizationProfile(org.slug)} className="btn-secondary">
              {t('organizations.profile.edit')}
            </Link>
          ) : null}
        </div>
        {profile ? (
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="font-semibold">{t('organizations.profile.objectives')}</dt>
            <dd>{profile.objectives.join(' · ')}</dd>
            {profile.places.length ? (
              <>
                <dt className="font-semibold">{t('organizations.profile.geography')}</dt>
                <dd>{profile.places.join(' · ')}</dd>
              </>
            ) : null}
            {profile.supportTypes.length ? (
              <>
                <dt className="font-semibold">{t('organizations.profile.supportTypes')}</dt>
                <dd>{profile.supportTypes.map((s) => t(`supportTypes.${s}`)).join(' · ')}</dd>
              </>
            ) : null}
            <dt className="font-semibold">{t('organizations.profile.languages')}</dt>
            <dd>{profile.languages.join(' · ')}</dd>
            {profile.financing ? (
              <>
                <dt className="font-semibold">{t('organizations.profile.financing')}</dt>
                <dd>
                  <bdi>{profile.financing}</bdi>
                </dd>
              </>
            ) : null}
          </dl>
        ) : (
          <p className="text-slate-700">{t('organizations.profile.empty')}</p>
        )}
      </section>

      <section className="card" aria-labelledby="members-title">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="members-title">{t('organizations.members')}</h2>
          {abilities.invite ? (
            <Link to={urls.organizationInvite(org.slug)} className="btn-primary">
              {t('organizations.invite')}
            </Link>
          ) : null}
        </div>
        <div className="relative mt-4 overflow-x-auto">
          <table className="data-table">
            <TableHead columns={[t('organizations.name'), t('auth.email'), t('organizations.role')]}>
              {abilities.manage ? <th scope="col"><span className="sr-only">{t('organizations.remove')}</span></th> : null}
            </TableHead>
            <tbody>
              {members.map((m) => (
                <tr key={m.userId}>
                  <td>{m.displayName}</td>
                  <td className="break-all">{m.email}</td>
                  <td>
                    {abilities.manage ? (
                      <Form key={navigationKey} method="post" action={urls.organizationMember(org.slug, m.userId)} className="flex flex-wrap items-center gap-2">
                        <input type="hidden" name="intent" value="role" />
                        <label className="sr-only" htmlFor={`role-${m.userId}`}>
                          {t('organizations.changeRoleOf', { name: m.displayName })}
                        </label>
                        <select id={`role-${m.userId}`} name="role" defaultValue={m.role} className="input w-auto py-1">
                          {memberRoles.map((r) => (
                            <option key={r} value={r}>
                              {t(`roles.${r}`)}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="btn-secondary py-1">
                          {t('organizations.changeRole')}
                        </button>
                      </Form>
                    ) : (
                      t(`roles.${m.role}`)
                    )}
                  </td>
                  {abilities.manage ? (
                    <td>
                      <Form method="post" action={urls.organizationMember(org.slug, m.userId)}>
                        <input type="hidden" name="intent" value="remove" />
                        {m.userId === me ? (
                          <button type="submit" className="btn-danger py-1">
                            {t('organizations.leave')}
                          </button>
                        ) : (
                          <button type="submit" className="btn-danger py-1" aria-label={t('organizations.removeNamed', { name: m.displayName })}>
                            {t('organizations.remove')}
                          </button>
                        )}
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {abilities.invite && invitations.length > 0 ? (
        <section className="card" aria-labelledby="invitations-title">
          <h2 id="invitations-title">{t('organizations.invitations')}</h2>
          <ul className="mt-3 divide-y divide-slate-100">
            {invitations.map((inv) => (
              <li key={inv.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
                <span>
                  <span className="break-all font-medium">{inv.email}</span> · {t(`roles.${inv.role}`)} · {t('organizations.expires')}{' '}
                  <DateTime value={inv.expiresAt} dateOnly />
                </span>
                <Form method="post" action={urls.organizationInvitation(org.slug, inv.id)}>
                  <button type="submit" className="btn-secondary py-1" aria-label={t('organizations.revokeNamed', { email: inv.email })}>
                    {t('organizations.revoke')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? 'Organisation'} — Connection Hub` }]

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
