import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { OrganizationId } from '#db/schema/index'
import { DateTime } from '~/components/date-time'
import { DomainError } from '~/domain/errors'
import { rejectOrganization, verificationQueue, verifyOrganization } from '~/domain/organizations/organizations.server'
import { RejectionSchema } from '~/domain/organizations/schemas'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm } from '~/http/forms.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { can } from '~/domain/access/abilities'
import { requireUser } from '~/http/session.server'
import { requireRecentAuthentication } from '~/http/step-up.server'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import { invariantResponse } from '~/http/invariant.server'
import { urls } from '~/utils/urls'

async function requireVerifier(request: Request) {
  const user = await requireUser(request)
  invariantResponse(can(user, 'verify:organization'), 'Forbidden', { status: 403 })
  return user
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireVerifier(request)
  const { t } = await requestTranslator(request)
  return { title: t('secretariat.queueTitle'), queue: await verificationQueue(db, user) }
}

/** The organisation decided on, and the version of it the page showed (so a change since is not approved unseen). */
const Reviewed = { organizationId: z.uuid(), version: z.coerce.number().int().min(1), name: z.string().max(200) }
const Decision = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), ...Reviewed }),
  z.object({ intent: z.literal('reject'), ...Reviewed }).extend(RejectionSchema.shape),
])

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireVerifier(request)
  await requireRecentAuthentication(request)
  const raw = Object.fromEntries(await readForm(request))
  const parsed = Decision.safeParse(raw)
  if (!parsed.success) {
    const reasonIssue = parsed.error.issues.find((i) => i.path[0] === 'reason')
    invariantResponse(reasonIssue, 'The decision could not be read.')
    return data({ organizationId: String(raw.organizationId ?? ''), reason: String(raw.reason ?? '').slice(0, 1000), error: reasonIssue.message }, { status: 400 })
  }
  const decision = parsed.data
  const reviewed = { organizationId: decision.organizationId as OrganizationId, version: decision.version }
  try {
    if (decision.intent === 'approve') await verifyOrganization(db, user, reviewed)
    else await rejectOrganization(db, user, { ...reviewed, reason: decision.reason })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    if (error.status === 409) return redirectWithFlash(urls.secretariatVerification(), { key: error.code, tone: 'error' })
    throw new Response(error.message, { status: error.status })
  }
  return redirectWithFlash(urls.secretariatVerification(), {
    key: decision.intent === 'approve' ? 'secretariat.approved' : 'secretariat.rejected',
    values: { name: decision.name },
  })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['organizationTypes', 'secretariat', 'validation'] }

export default function VerificationQueue() {
  const { queue } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const busy = useIsPending({ intent: ['approve', 'reject'] })
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <h1>{t('secretariat.queueTitle')}</h1>
        <p className="mt-2 text-slate-700">{t('secretariat.queueLead')}</p>
      </header>
      {queue.length === 0 ? (
        <p className="card text-slate-700">{t('secretariat.empty')}</p>
      ) : (
        <ol className="space-y-4">
          {queue.map((org) => {
            const failed = actionData?.organizationId === org.id ? actionData : null
            const reasonId = `reason-${org.id}`
            return (
              <li key={org.id} className="card space-y-3">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h2 className="text-base">{org.name}</h2>
                  <p className="text-sm text-slate-600">
                    {t('secretariat.submitted')}: <DateTime value={org.createdAt} />
                  </p>
                </div>
                <p className="text-sm text-slate-700">
                  {t(`organizationTypes.${org.type}`)}
                  {org.country ? ` · ${org.country}` : ''}
                  {org.ownerEmail ? ` · ${t('secretariat.owner')}: ${org.ownerEmail}` : ''}
                </p>
                {org.website ? (
                  <p className="text-sm">
                    <a href={org.website} rel="noopener noreferrer">
                      {org.website}
                    </a>
                  </p>
                ) : null}
                {org.description ? <p className="whitespace-pre-line text-sm">{org.description}</p> : null}
                <div className="flex flex-wrap items-start gap-4 border-t border-slate-100 pt-3">
                  <Form method="post">
                    <input type="hidden" name="organizationId" value={org.id} />
                    <input type="hidden" name="version" value={org.version} />
                    <input type="hidden" name="name" value={org.name} />
                    <button type="submit" name="intent" value="approve" className="btn-primary" aria-label={t('secretariat.approveNamed', { name: org.name })} disabled={busy}>
                      {t('secretariat.approve')}
                    </button>
                  </Form>
                  <Form method="post" className="min-w-64 flex-1 space-y-2">
                    <input type="hidden" name="organizationId" value={org.id} />
                    <input type="hidden" name="version" value={org.version} />
                    <input type="hidden" name="name" value={org.name} />
                    <label htmlFor={reasonId} className="label">
                      {t('secretariat.reason')}
                    </label>
                    <textarea
                      id={reasonId}
                      name="reason"
                      rows={2}
                      maxLength={1000}
                      required
                      defaultValue={failed?.reason}
                      className="input"
                      aria-invalid={failed ? true : undefined}
                      aria-describedby={`${reasonId}-hint${failed ? ` ${reasonId}-error` : ''}`}
                    />
                    <p id={`${reasonId}-hint`} className="hint">
                      {t('secretariat.reasonHint')}
                    </p>
                    {failed ? (
                      <p id={`${reasonId}-error`} className="field-error">
                        {t(dynamicKey(failed.error))}
                      </p>
                    ) : null}
                    <button type="submit" name="intent" value="reject" className="btn-danger" aria-label={t('secretariat.rejectNamed', { name: org.name })} disabled={busy}>
                      {t('secretariat.reject')}
                    </button>
                  </Form>
                </div>
              </li>
            )
          })}
        </ol>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
