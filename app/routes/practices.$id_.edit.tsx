import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { PracticeId } from '#db/schema/index'
import { PracticeForm } from '~/components/practices/practice-form'
import { practiceFormValues } from '~/domain/knowledge/form-values'
import { isPracticeEditable } from '~/domain/knowledge/lifecycle'
import { practiceForReader, updatePractice } from '~/domain/knowledge/practices.server'
import { PracticeSchema } from '~/domain/knowledge/schemas'
import { vocabularyOptions } from '~/domain/vocabulary/options.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { idParam } from '~/http/project-access.server'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'

/** Only the submitting organisation's members edit, and only a draft or a returned practice. */
async function editable(request: Request, rawId: string | undefined) {
  const user = await requireUser(request)
  const found = await practiceForReader(db, user, idParam<PracticeId>(rawId))
  if (!found) throw new Response('Not found', { status: 404 })
  if (!found.ownSide) throw new Response('Forbidden', { status: 403 })
  if (!isPracticeEditable(found.practice.status)) throw new Response('This practice can no longer be edited.', { status: 409 })
  return { user, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { found } = await editable(request, params.id)
  const { t, locale } = await requestTranslator(request)
  const options = vocabularyOptions(locale)
  const p = found.practice
  return {
    title: t('practices.edit.title'),
    id: p.id,
    reviewComment: p.status === 'returned' ? p.reviewComment : null,
    values: practiceFormValues(p),
    options: { objectives: options.objectives.map(({ number, shortTitle }) => ({ number, shortTitle })), principles: options.principles, countries: options.countries, languages: options.languages },
  }
}

const Intent = z.enum(['save', 'submit'])

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, found } = await editable(request, params.id)
  const form = await parseForm(request, PracticeSchema)
  if (!form.ok) return form.response
  const intent = Intent.safeParse(form.formData.get('intent') ?? 'save')
  if (!intent.success) throw new Response('Choose to save the changes or to submit them.', { status: 400 })
  const submit = intent.data === 'submit'
  const outcome = await attempt(form.submission, () => updatePractice(db, user, found.practice.id, form.value, { submit, origin: publicOrigin() }))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(`/practices/${found.practice.id}`, { key: submit ? 'practices.flash.submitted' : 'practices.flash.saved' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['practices', 'validation'] }

export default function EditPractice() {
  const { id, values, options, reviewComment } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm">
          <Link to={`/practices/${id}`}>← {values.title}</Link>
        </p>
        <h1 className="mt-2">{t('practices.edit.title')}</h1>
      </header>
      {reviewComment ? (
        <section aria-labelledby="review-comment" className="rounded-md border border-amber-200 bg-amber-50 p-4 text-sm text-amber-950">
          <h2 id="review-comment" className="text-base">
            {t('practices.page.comment')}
          </h2>
          <p className="mt-1 whitespace-pre-line">{reviewComment}</p>
        </section>
      ) : null}
      <div className="card">
        <PracticeForm id="edit-practice" options={options} lastResult={actionData?.result} defaultValue={values} saveLabel={t('practices.form.saveChanges')} />
      </div>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
