import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import { PracticeForm } from '~/components/practices/practice-form'
import { assertCanShareFor, createPractice } from '~/domain/knowledge/practices.server'
import { PracticeSchema } from '~/domain/knowledge/schemas'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, orErrorPage, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireOrganization } from '~/http/organization-access.server'
import type { I18nHandle } from '~/utils/i18n-page'

async function requireSharingOrganization(request: Request, slug: string | undefined) {
  const { user, org } = await requireOrganization(request, slug, 'read:organization')
  await orErrorPage(() => assertCanShareFor(db, user, org))
  return { user, org }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireSharingOrganization(request, params.slug)
  const { t, locale } = await requestTranslator(request)
  const options = vocabularyOptions(locale)
  return {
    title: t('practices.new.title'),
    org: { name: org.name, country: org.country },
    options: { objectives: options.objectives.map(({ number, shortTitle }) => ({ number, shortTitle })), principles: options.principles, countries: options.countries, languages: options.languages },
  }
}

const Intent = z.enum(['save', 'submit'])

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, org } = await requireSharingOrganization(request, params.slug)
  const form = await parseForm(request, PracticeSchema)
  if (!form.ok) return form.response
  const intent = Intent.safeParse(form.formData.get('intent') ?? 'save')
  if (!intent.success) throw new Response('Choose to save the draft or to submit it.', { status: 400 })
  const submit = intent.data === 'submit'
  const outcome = await attempt(form.submission, () => createPractice(db, user, org, form.value, { submit, origin: publicOrigin() }))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(`/practices/${outcome.value}`, { key: submit ? 'practices.flash.submitted' : 'practices.flash.created' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['practices', 'validation'] }

export default function NewPractice() {
  const { org, options } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t, i18n } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to="/practices">← {t('practices.list.title')}</Link>
        </p>
        <h1 className="mt-2">{t('practices.new.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t('practices.new.lead', { organization: org.name })}</p>
      </header>
      <div className="card">
        <PracticeForm
          id="new-practice"
          options={options}
          lastResult={actionData?.result}
          defaultValue={{ countries: org.country ? [org.country] : [], language: i18n.language }}
          saveLabel={t('practices.form.saveDraft')}
        />
      </div>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
