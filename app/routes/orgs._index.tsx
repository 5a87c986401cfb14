import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { VerificationBadge } from '~/components/status-badge'
import { organizationsOf } from '~/domain/organizations/organizations.server'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { t } = await requestTranslator(request)
  return { title: t('organizations.title'), organizations: await organizationsOf(db, user.id) }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['organizationTypes', 'organizations', 'roles', 'verification'] }

export default function MyOrganizations() {
  const { organizations } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1>{t('organizations.title')}</h1>
          <p className="mt-2 max-w-2xl text-slate-700">{t('organizations.lead')}</p>
        </div>
        <Link to={urls.newOrganization()} className="btn-primary">
          {t('organizations.create')}
        </Link>
      </div>
      {organizations.length === 0 ? (
        <p className="card text-slate-700">{t('organizations.none')}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {organizations.map((org) => (
            <li key={org.id} className="card">
              <h2 className="text-base">
                <Link to={urls.organization(org.slug)}>{org.name}</Link>
              </h2>
              <p className="mt-1 text-sm text-slate-700">
                {t(`organizationTypes.${org.type}`)}
                {org.country ? ` · ${org.country}` : ''}
              </p>
              <p className="mt-3 flex flex-wrap items-center gap-2 text-sm">
                <VerificationBadge status={org.verificationStatus} />
                <span className="text-slate-600">
                  {t('organizations.yourRole')}: {t(`roles.${org.role}`)}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
