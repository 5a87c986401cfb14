import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import { RequestForm } from '~/components/request-form'
import { assertCanDraftFor, createRequest, transitionRequest } from '~/domain/requests/requests.server'
import { RequestSchema } from '~/domain/requests/schemas'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, orErrorPage, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireOrganization } from '~/http/organization-access.server'
import type { I18nHandle } from '~/utils/i18n-page'

async function requireRequestingOrganization(request: Request, slug: string | undefined) {
  const { user, org } = await requireOrganization(request, slug, 'read:organization')
  await orErrorPage(() => assertCanDraftFor(db, user, org))
  return { user, org }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireRequestingOrganization(request, params.slug)
  const { t, locale } = await requestTranslator(request)
  return {
    title: t('requests.newTitle'),
    org: { slug: org.slug, name: org.name, country: org.country },
    options: vocabularyOptions(locale),
  }
}

const Intent = z.object({ intent: z.enum(['save', 'submit']).default('save') })

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireRequestingOrganization(request, params.slug)
  const form = await parseForm(request, RequestSchema)
  if (!form.ok) return form.response
  const parsedIntent = Intent.safeParse({ intent: form.formData.get('intent') ?? undefined })
  if (!parsedIntent.success) throw new Response('Choose to save the draft or to submit it.', { status: 400 })
  const { intent } = parsedIntent.data
  const outcome = await attempt(form.submission, async () => {
    const id = await createRequest(db, user, org, form.value)
    if (intent === 'submit') await transitionRequest(db, user, id, 'submit', { origin: publicOrigin() })
    return id
  })
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(`/requests/${outcome.value}`, { key: intent === 'submit' ? 'requests.submitted' : 'requests.created' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['dashboard', 'requests', 'supportTypes', 'validation'] }

export default function NewRequest() {
  const { org, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/dashboard">← {t('dashboard.title')}</Link>
        </p>
        <h1 className="mt-2">{t('requests.newTitle')}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t('requests.newLead', { organization: org.name })}</p>
      </header>
      <div className="card">
        <RequestForm
          id="new-request"
          options={options}
          lastResult={actionData?.result}
          defaultValue={{ countries: org.country ? [org.country] : [], languages: [i18n.language], language: i18n.language }}
          submitLabel={t('requests.submitForScreening')}
          saveDraftLabel={t('requests.saveDraft')}
        />
      </div>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
