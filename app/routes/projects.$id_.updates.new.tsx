import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import { ReportingHeader } from '~/components/projects/reporting/header'
import { ProgressUpdateForm } from '~/components/projects/reporting/progress-update-form'
import { progressUpdateDefaults, ProgressUpdateFormSchema } from '~/components/projects/reporting/progress-update-schema'
import { saveProgressUpdate } from '~/domain/projects/reports.server'
import { indicatorsWithLatest, suggestedPeriod } from '~/domain/projects/reporting.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireProjectParty } from '~/http/project-access.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { isReportingProject } from '~/domain/projects/lifecycle'
import { urls } from '~/utils/urls'

/** Only the implementing partner writes updates; other parties know the project, so they are told no (403). */
async function requireImplementer(request: Request, rawId: string | undefined) {
  const party = await requireProjectParty(request, rawId)
  if (!party.access.implementer) throw new Response('Only the implementing partner writes progress updates.', { status: 403 })
  return party
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { project } = await requireImplementer(request, params.id)
  const { t } = await requestTranslator(request)
  const indicators = await indicatorsWithLatest(db, project.id)
  return {
    title: t('reporting.update.newTitle'),
    project: { id: project.id, title: project.title },
    reporting: isReportingProject(project.status),
    indicators,
    defaultValue: progressUpdateDefaults(indicators, await suggestedPeriod(db, project)),
  }
}

const Intent = z.enum(['save', 'submit'])

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, project } = await requireImplementer(request, params.id)
  const form = await parseForm(request, ProgressUpdateFormSchema)
  if (!form.ok) return form.response
  const intent = Intent.safeParse(form.formData.get('intent'))
  if (!intent.success) throw new Response('Choose to save the draft or to submit it.', { status: 400 })
  const submit = intent.data === 'submit'
  const outcome = await attempt(form.submission, () => saveProgressUpdate(db, { user, projectId: project.id, updateId: null, input: form.value, submit, origin: publicOrigin() }))
  if (!outcome.ok) return outcome.response
  return redirectWithFlash(urls.projectUpdate(project.id, outcome.value), { key: submit ? 'reporting.flash.updateSubmitted' : 'reporting.flash.updateSaved' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['projectTerms', 'reporting', 'validation'] }

export default function NewProgressUpdate() {
  const { project, reporting, indicators, defaultValue } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>()?.result
  const { t } = useTranslation()
  return (
    <article className="space-y-6">
      <ReportingHeader projectId={project.id} projectTitle={project.title} title={t('reporting.update.newTitle')} />
      <p className="max-w-3xl text-slate-700">{t('reporting.update.newLead')}</p>
      {reporting ? (
        <div className="card">
          <ProgressUpdateForm indicators={indicators} defaultValue={defaultValue} reply={reply} />
        </div>
      ) : (
        <p className="card text-slate-700">{t('reporting.update.notReporting')}</p>
      )}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
