import { parseWithZod } from '@conform-to/zod/v4'
import { PageHeader } from '~/components/page-header'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import type { MatchId } from '#db/schema/index'
import { Money } from '~/components/money'
import { ProjectSetupForm, SetupFormSchema, withoutBlankSources } from '~/components/projects/public/setup-form'
import { DomainError } from '~/domain/errors'
import { funderCandidates, projectOfMatch } from '~/domain/projects/listing.server'
import { addMonths, isoDay } from '~/domain/projects/progress'
import { agreedMatchForSetup, createProjectFromMatch } from '~/domain/projects/projects.server'
import { commonCurrencies } from '~/domain/vocabulary/options.server'
import { toMajorUnits } from '~/domain/vocabulary/money'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { domainErrorResponse, readForm } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { idParam } from '~/http/project-access.server'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { urls } from '~/utils/urls'

/**
 * Only the secretariat and the requesting State's members reach this page; others get the error page. Once the
 * project exists (the match is converted), they are sent to its workspace instead of an error.
 */
async function requireSetup(request: Request, rawId: string | undefined) {
  const user = await requireUser(request)
  const matchId = idParam<MatchId>(rawId)
  try {
    return { user, matchId, found: await agreedMatchForSetup(db, user, matchId) }
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const projectId = error.code === 'projects.matchNotAgreed' ? await projectOfMatch(db, matchId) : null
    if (projectId) throw redirect(urls.projectWorkspace(projectId))
    throw new Response(error.message, { status: error.status })
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { matchId, found } = await requireSetup(request, params.id)
  const { t } = await requestTranslator(request)
  const { match, request: req, providerName } = found
  const today = isoDay(new Date())
  // The budget agreed in the match comes first; the request's own estimate otherwise.
  const minor = match.indicativeBudget ?? req.budgetAmount
  const currency = (match.indicativeBudget !== null ? match.indicativeCurrency : req.budgetCurrency) ?? 'USD'
  const funders = await funderCandidates(db)
  return {
    title: t('projectPages.setup.title'),
    match: { id: matchId, requestId: req.id, requestTitle: req.title, providerName, budget: minor !== null ? { minor, currency } : null },
    defaultValue: {
      title: req.title,
      summary: req.summary,
      startDate: today,
      endDate: addMonths(today, req.durationMonths ?? 12),
      budgetAmount: minor !== null ? String(toMajorUnits(minor, currency)) : '',
      budgetCurrency: currency,
      reportingMonths: '3',
      funderIds: [],
    },
    funders: funders.map((f) => ({ value: f.id, label: f.name, group: f.type, groupLabel: t(`organizationTypes.${f.type}`) })),
    currencies: [...commonCurrencies],
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, matchId } = await requireSetup(request, params.id)
  const submission = parseWithZod(withoutBlankSources(await readForm(request)), { schema: SetupFormSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  let projectId: string
  try {
    projectId = await createProjectFromMatch(db, { user, matchId, input: submission.value, origin: publicOrigin() })
  } catch (error) {
    if (error instanceof DomainError) return domainErrorResponse(submission, error)
    throw error
  }
  return redirectWithFlash(urls.projectWorkspace(projectId), { key: 'projectPages.setup.created' })
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['organizationTypes', 'projectPages', 'projects', 'validation'] }

export default function ProjectSetup() {
  const { match, defaultValue, funders, currencies } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <PageHeader back={{ to: urls.match(match.id), label: t('projectPages.setup.backToMatch') }} title={t('projectPages.setup.title')} lead={t('projectPages.setup.lead')} />
      <section className="card" aria-labelledby="agreed-match">
        <h2 id="agreed-match" className="text-base">
          {t('projectPages.setup.agreedMatch')}
        </h2>
        <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium text-slate-600">{t('projectPages.setup.request')}</dt>
          <dd>
            <Link to={urls.request(match.requestId)}>{match.requestTitle}</Link>
          </dd>
          <dt className="font-medium text-slate-600">{t('projectPages.setup.provider')}</dt>
          <dd>{match.providerName}</dd>
          {match.budget ? (
            <>
              <dt className="font-medium text-slate-600">{t('projectPages.setup.indicativeBudget')}</dt>
              <dd>
                <Money minor={match.budget.minor} currency={match.budget.currency} />
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <div className="card">
        <ProjectSetupForm lastResult={actionData?.result} defaultValue={defaultValue} funders={funders} currencies={currencies} />
      </div>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
