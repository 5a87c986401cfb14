import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { AuthCard } from '~/components/auth-layout'
import { DomainError } from '~/domain/errors'
import { acceptInvitation, invitationByToken } from '~/domain/organizations/members.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { passOnHeaders, titleMeta } from '~/utils/meta'
import { getUser, requireUser } from '~/http/session.server'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = params.token?.slice(0, 100) ?? ''
  const [invitation, user, { t }] = await Promise.all([invitationByToken(db, token), getUser(request), requestTranslator(request)])
  const headers = { 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' }
  if (!invitation) return data({ title: t('invitations.invalid'), invitation: null, signedInAs: null, matches: false }, { status: 404, headers })
  return data(
    {
      title: t('invitations.title', { organization: invitation.organization.name }),
      invitation: { email: invitation.email, role: invitation.role, organization: invitation.organization.name },
      signedInAs: user?.email ?? null,
      matches: user ? user.email.toLowerCase() === invitation.email.toLowerCase() : false,
    },
    { headers },
  )
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  await readForm(request)
  try {
    const organization = await acceptInvitation(db, user, params.token?.slice(0, 100) ?? '')
    return redirectWithFlash(urls.organization(organization.slug), { key: 'invitations.accepted', values: { organization: organization.name } })
  } catch (error) {
    if (error instanceof DomainError) return data({ error: error.code }, { status: error.status })
    throw error
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['invitations', 'roles'] }

export default function Invitation() {
  const { invitation, signedInAs, matches } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const here = useLocation().pathname
  if (!invitation) {
    return (
      <AuthCard title={t('invitations.invalid')}>
        <Link to="/">{t('errors.goHome')}</Link>
      </AuthCard>
    )
  }
  return (
    <AuthCard
      title={t('invitations.title', { organization: invitation.organization })}
      lead={t('invitations.lead', { organization: invitation.organization, role: t(`roles.${invitation.role}`) })}
    >
      {actionData?.error ? (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
          {t(dynamicKey(actionData.error), { email: invitation.email })}
        </p>
      ) : null}
      {!signedInAs ? (
        <div className="space-y-3">
          <p>{t('invitations.loginToAccept', { email: invitation.email })}</p>
          <p className="flex gap-2">
            <Link to={urls.login(here)} className="btn-primary">
              {t('nav.login')}
            </Link>
            <Link to={urls.signup()} className="btn-secondary">
              {t('nav.signup')}
            </Link>
          </p>
        </div>
      ) : matches ? (
        <Form method="post">
          <button type="submit" className="btn-primary">
            {t('invitations.accept')}
          </button>
        </Form>
      ) : (
        <p>{t('invitations.otherAddress', { email: invitation.email })}</p>
      )}
    </AuthCard>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export const headers = passOnHeaders

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
