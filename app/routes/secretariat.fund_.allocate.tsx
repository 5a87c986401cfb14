import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { PageHeader } from '~/components/page-header'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { ProjectId } from '#db/schema/index'
import { AllocationForm } from '~/components/fund-admin/allocation-form'
import { AllocationFormSchema } from '~/components/fund-admin/allocation-form-schema'
import { formatMoney } from '~/components/money'
import { ProjectStatusBadge } from '~/components/projects/project-status'
import { allocate } from '~/domain/fund/allocations.server'
import { projectForAllocation, runningProjects } from '~/domain/fund/console.server'
import { toMinorUnits } from '~/domain/vocabulary/money'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { attempt, parseForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { requireFundManager } from '~/http/fund-access.server'
import { requireRecentAuthentication } from '~/http/step-up.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireFundManager(request)
  const { t, locale } = await requestTranslator(request)
  const projects = await runningProjects(db)
  const page = { title: t('fundAdmin.allocate.title'), projects, chosen: null, notFound: false }
  const raw = new URL(request.url).searchParams.get('project')
  if (!raw) return page
  const id = z.uuid().safeParse(raw)
  const chosen = id.success ? await projectForAllocation(db, id.data as ProjectId, locale) : null
  if (!chosen) return data({ ...page, notFound: true }, { status: id.success ? 404 : 400 })
  return { ...page, title: t('fundAdmin.allocate.formTitle', { title: chosen.project.title }), chosen }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireFundManager(request)
  await requireRecentAuthentication(request)
  const { locale } = await requestTranslator(request)
  const form = await parseForm(request, AllocationFormSchema)
  if (!form.ok) return form.response
  const outcome = await attempt(form.submission, () => allocate(db, user, form.value, publicOrigin()))
  if (!outcome.ok) return outcome.response
  const amount = formatMoney(locale, toMinorUnits(form.value.amountUsd, 'USD'), 'USD')
  return redirectWithFlash(urls.secretariatFund(), { key: 'fundAdmin.flash.allocated', values: { amount } })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['fund', 'fundAdmin', 'projectTerms', 'validation'] }

export default function AllocateFundMoney() {
  const { projects, chosen, notFound } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader back={{ to: urls.secretariatFund(), label: t('fundAdmin.allocate.back') }} title={t('fundAdmin.allocate.title')} lead={t('fundAdmin.allocate.lead')} />
      {chosen ? (
        <section aria-labelledby="allocation-title" className="card space-y-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="allocation-title">{t('fundAdmin.allocate.formTitle', { title: chosen.project.title })}</h2>
            <ProjectStatusBadge status={chosen.project.status} />
          </div>
          <p className="text-sm">
            <Link to={urls.secretariatAllocate()}>{t('fundAdmin.allocate.change')}</Link>
          </p>
          <AllocationForm projectId={chosen.project.id} pools={chosen.pools} milestones={chosen.milestones} lastResult={actionData?.result} />
        </section>
      ) : (
        <section aria-labelledby="choose-title" className="card space-y-3">
          <h2 id="choose-title">{t('fundAdmin.allocate.chooseTitle')}</h2>
          {notFound ? (
            <p role="alert" className="field-error">
              {t('fundAdmin.allocate.notFound')}
            </p>
          ) : null}
          {projects.length === 0 ? (
            <p className="text-slate-700">{t('fundAdmin.allocate.noProjects')}</p>
          ) : (
            <Form method="get" className="flex flex-wrap items-end gap-3">
              <div className="min-w-0 flex-1">
                <label htmlFor="project" className="label">
                  {t('fundAdmin.allocate.project')}
                </label>
                <select id="project" name="project" className="input mt-1" required>
                  {projects.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.title} ({t(`projectTerms.statuses.${p.status}`)})
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="btn-secondary">
                {t('fundAdmin.allocate.continue')}
              </button>
            </Form>
          )}
        </section>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
