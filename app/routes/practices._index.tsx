import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { Browse } from '~/components/browse/browse-page'
import { MyPractices, PracticesErrorBoundary } from '~/components/practices/practices-page'
import { browsePage } from '~/domain/catalogue/page.server'
import { practiceReviewQueue, practicesOfOrganizations } from '~/domain/practices/practices.server'
import { organizationsOf } from '~/domain/organizations/organizations.server'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { browseMeta, browseTitle } from '~/domain/catalogue/meta'
import { db } from '~/utils/db.server'
import { requestTranslator } from '~/utils/i18n.server'
import { can } from '~/domain/access/abilities'
import { getUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import type { HydrationHandle } from '~/utils/hydration'
import { urls } from '~/utils/urls'

/** What a signed-in person may do here: share for each verified organisation, follow its practices, review. */
async function mine(user: SessionUser | null) {
  if (!user) return { share: [], practices: [], reviewCount: null }
  const orgs = (await organizationsOf(db, user.id)).filter((o) => can(user, 'publish:content', { role: o.role, organizationVerified: o.verificationStatus === 'verified' }))
  const [practices, queue] = await Promise.all([
    practicesOfOrganizations(db, orgs.map((o) => o.id)),
    can(user, 'review:practice') ? practiceReviewQueue(db, user) : null,
  ])
  return { share: orgs.map((o) => ({ slug: o.slug, name: o.name })), practices, reviewCount: queue ? queue.length : null }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await requestTranslator(request)
  const page = await browsePage(db, 'practices', new URL(request.url).searchParams, { t, locale })
  if (!page.ok) throw new Response(page.problems.join(' '), { status: 400 })
  return {
    ...page,
    title: browseTitle(t, t('practices.list.title'), page),
    description: t('practices.list.description'),
    mine: await mine(await getUser(request)),
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle & HydrationHandle = { i18n: ['alerts', 'browse', 'practices', 'requests'], hydrate: 'signed-in' }

export default function Practices() {
  const data = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h1>{t('practices.list.title')}</h1>
        <p className="max-w-3xl text-slate-700">{t('practices.list.lead')}</p>
        <p className="text-sm text-slate-600">
          {t('practices.list.openData')} <a href={urls.api('/practices')}>/api/v1/practices</a>
        </p>
      </header>
      <MyPractices mine={data.mine} />
      <Browse data={data} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = browseMeta

export { PracticesErrorBoundary as ErrorBoundary }
