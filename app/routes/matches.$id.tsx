import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { MatchId } from '#db/schema/index'
import { useFormatDate } from '~/components/date-time'
import { Facts, StatusBadge } from '~/components/facts'
import { ErrorList } from '~/components/forms'
import { Money } from '~/components/money'
import { DomainError } from '~/domain/errors'
import { decideMatch, matchForReader } from '~/domain/matching/matches.server'
import { projectOfMatch } from '~/domain/projects/listing.server'
import { DecisionSchema } from '~/domain/matching/workflow-schemas'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm, domainErrorText } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestLanguage, requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { can as userCan } from '~/domain/access/abilities'
import { requireUser } from '~/http/session.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { invariantResponse } from '~/http/invariant.server'
import { urls } from '~/utils/urls'

const MatchIdParam = z.uuid()

async function readable(request: Request, rawId: string | undefined) {
  const user = await requireUser(request)
  const id = MatchIdParam.safeParse(rawId)
  invariantResponse(id.success, 'Not found', { status: 404 })
  const found = await matchForReader(db, user, id.data as MatchId)
  invariantResponse(found, 'Not found', { status: 404 })
  return { user, found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, found } = await readable(request, params.id)
  const { t } = await requestTranslator(request)
  const m = found.match
  return {
    title: t('matches.title', { title: m.requestTitle }),
    match: m,
    setUpProject: m.status === 'agreed' && (found.requestSide || userCan(user, 'manage:project')),
    projectId: m.status === 'converted' ? await projectOfMatch(db, m.id as MatchId) : null,
    can: {
      request: found.requestSide && m.status === 'open' && m.requestDecision === 'pending',
      provider: found.providerSide && m.status === 'open' && m.providerDecision === 'pending',
      withdraw: m.status === 'open' && (found.requestSide || found.providerSide || found.secretariat),
      withdrawSide: found.secretariat ? 'secretariat' : found.requestSide ? 'request' : 'provider',
    },
  }
}

const flashes = { open: 'matches.accepted', agreed: 'matches.agreedFlash', declined: 'matches.declinedFlash', withdrawn: 'matches.withdrawnFlash' } as const

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, found } = await readable(request, params.id)
  const parsed = DecisionSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) {
    const reason = parsed.error.issues.find((i) => i.path[0] === 'reason')
    if (reason) return data({ error: reason.message, field: 'reason' }, { status: 400 })
    throw new Response('This answer could not be read.', { status: 400 })
  }
  try {
    const status = await decideMatch(db, user, found.match.id as MatchId, parsed.data, publicOrigin())
    return redirectWithFlash(urls.match(found.match.id), { key: flashes[status as keyof typeof flashes] ?? 'matches.accepted' })
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    if (error.status === 409) return data({ error: domainErrorText(error, await requestLanguage(request)), field: null }, { status: 409 })
    throw new Response(error.message, { status: error.status })
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['matches', 'projectPages', 'requests', 'validation'] }

export default function MatchPage() {
  const { match: m, can, setUpProject, projectId } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const busy = useIsPending()
  return (
    <article className="space-y-6" aria-labelledby="match-title">
      <header className="space-y-2">
        <p className="text-sm text-slate-600">{t(`matches.origins.${m.origin}`)}</p>
        <h1 id="match-title">
          <Link to={urls.request(m.requestId)}>{m.requestTitle}</Link> · {m.providerName}
        </h1>
        <p>
          <StatusBadge status={m.status === 'open' ? 'submitted' : m.status === 'agreed' ? 'published' : 'closed'} label={t(`matches.statuses.${m.status}`)} />
        </p>
        {m.status === 'open' && m.expiresAt ? <p className="text-sm text-slate-700">{t('matches.expires', { date: formatDate(m.expiresAt) })}</p> : null}
        {m.agreedAt ? <p className="text-sm text-slate-700">{t('matches.agreedOn', { date: formatDate(m.agreedAt) })}</p> : null}
      </header>
      {setUpProject ? (
        <section className="card space-y-3 border-brand-100 bg-brand-50" aria-labelledby="set-up-title">
          <h2 id="set-up-title">{t('projectPages.match.setUpTitle')}</h2>
          <p className="text-sm text-slate-800">{t('projectPages.match.setUpLead')}</p>
          <p>
            <Link to={urls.matchProject(m.id)} className="btn-primary">
              {t('projectPages.match.setUp')}
            </Link>
          </p>
        </section>
      ) : null}
      {projectId ? (
        <p className="card text-sm">
          {t('projectPages.match.converted')} <Link to={urls.projectWorkspace(projectId)}>{t('projectPages.match.openWorkspace')}</Link>
        </p>
      ) : null}
      {actionData?.field === null ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
          {actionData.error}
        </p>
      ) : null}
      <section className="card" aria-label={t('matches.title', { title: m.requestTitle })}>
        <Facts
          items={[
            { label: t('matches.requestSide'), value: t(`matches.decisions.${m.requestDecision}`) },
            { label: t('matches.providerSide'), value: `${m.providerName} — ${t(`matches.decisions.${m.providerDecision}`)}` },
            { label: t('matches.offer'), value: m.offerId ? <Link to={urls.offer(m.offerId)}>{t('matches.offer')}</Link> : null },
            { label: t('matches.message'), value: m.message ? <span className="whitespace-pre-line">{m.message}</span> : null },
            {
              label: t('matches.indicativeBudget'),
              value: m.indicativeBudget !== null && m.indicativeCurrency ? <Money minor={m.indicativeBudget} currency={m.indicativeCurrency} /> : null,
            },
            { label: t('matches.note'), value: m.secretariatNote ? <span className="whitespace-pre-line">{m.secretariatNote}</span> : null },
            { label: t('matches.declineReason'), value: m.declineReason },
          ]}
        />
      </section>
      {(['request', 'provider'] as const)
        .filter((side) => can[side])
        .map((side) => (
          <section key={side} className="card space-y-3" aria-labelledby={`answer-${side}`}>
            <h2 id={`answer-${side}`}>{t('matches.answerAs', { organization: side === 'request' ? t('matches.requestSide') : m.providerName })}</h2>
            <Form method="post">
              <input type="hidden" name="side" value={side} />
              <button type="submit" name="decision" value="accept" className="btn-primary" disabled={busy}>
                {t('matches.accept')}
              </button>
            </Form>
            <Form method="post" className="space-y-2">
              <input type="hidden" name="side" value={side} />
              <label htmlFor={`reason-${side}`} className="label">
                {t('matches.declineReasonLabel')}
              </label>
              <textarea id={`reason-${side}`} name="reason" rows={2} maxLength={2000} className="input" />
              <ErrorList errors={actionData?.field === 'reason' ? [actionData.error] : undefined} />
              <button type="submit" name="decision" value="decline" className="btn-danger" disabled={busy}>
                {t('matches.decline')}
              </button>
            </Form>
          </section>
        ))}
      {can.withdraw ? (
        <Form method="post">
          <input type="hidden" name="side" value={can.withdrawSide} />
          <button type="submit" name="decision" value="withdraw" className="btn-secondary" disabled={busy}>
            {t('matches.withdraw')}
          </button>
        </Form>
      ) : null}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
