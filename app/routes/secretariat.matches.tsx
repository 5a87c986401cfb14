import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import { useTranslation } from '~/utils/i18n-react'
import { z } from 'zod'
import type { RequestId } from '#db/schema/index'
import { useFormatDate } from '~/components/date-time'
import { ErrorList } from '~/components/forms'
import { formatScore, SuggestionReasons } from '~/components/suggestion-reasons'
import { explainFactors } from '~/domain/matching/reasons'
import { DomainError } from '~/domain/errors'
import { matchBoard, proposeMatch, storedOffersForRequest } from '~/domain/matching/matches.server'
import { matchWeights } from '~/domain/matching/weights'
import { ProposalSchema } from '~/domain/matching/workflow-schemas'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { readForm, domainErrorText } from '~/http/forms.server'
import { publicOrigin } from '~/utils/env.server'
import { requestLanguage, requestTranslator } from '~/utils/i18n.server'
import { titleMeta } from '~/utils/meta'
import { can } from '~/domain/access/abilities'
import { requireUser } from '~/http/session.server'
import { dynamicKey } from '~/utils/i18n'
import type { I18nHandle } from '~/utils/i18n-page'
import { invariantResponse } from '~/http/invariant.server'
import { urls } from '~/utils/urls'

async function requireMatchmaker(request: Request) {
  const user = await requireUser(request)
  invariantResponse(can(user, 'propose:match'), 'Forbidden', { status: 403 })
  return user
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireMatchmaker(request)
  const { t, locale } = await requestTranslator(request)
  const board = await matchBoard(db, user, 30)
  const rows = await Promise.all(board.map(async (r) => ({ ...r, suggestions: (await storedOffersForRequest(db, r.id, 3)).map(({ factors, ...s }) => ({ ...s, reasons: explainFactors(factors, locale, t) })) })))
  return { title: t('matches.boardTitle'), rows, weights: Object.entries(matchWeights) }
}

const ProposalInput = ProposalSchema.extend({ requestId: z.uuid() })

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireMatchmaker(request)
  const raw = Object.fromEntries(await readForm(request))
  const parsed = ProposalInput.safeParse(raw)
  if (!parsed.success) {
    return data({ requestId: String(raw.requestId ?? ''), errors: parsed.error.issues.map((i) => i.message) }, { status: 400 })
  }
  try {
    const matchId = await proposeMatch(db, user, parsed.data.requestId as RequestId, parsed.data, publicOrigin())
    return redirectWithFlash(urls.match(matchId), { key: 'matches.proposed' })
  } catch (error) {
    if (!(error instanceof DomainError) || error.status === 403) throw error
    return data({ requestId: parsed.data.requestId, errors: [domainErrorText(error, await requestLanguage(request))] }, { status: error.status })
  }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['matchReasons', 'matches', 'supportTypes', 'validation'] }

export default function MatchBoard() {
  const { rows, weights } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const formatDate = useFormatDate()
  const busy = useIsPending()
  return (
    <div className="space-y-6">
      <header>
        <h1>{t('matches.boardTitle')}</h1>
        <p className="mt-2 text-slate-700">{t('matches.boardLead')}</p>
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer font-medium">{t('matches.weights')}</summary>
          <table className="data-table mt-2 max-w-md">
            <tbody>
              {weights.map(([factor, weight]) => (
                <tr key={factor}>
                  <th scope="row">{t(dynamicKey(`matches.factors.${factor}`))}</th>
                  <td className="text-end">{Math.round(weight * 100)}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </header>
      {rows.length === 0 ? <p className="card">{t('matches.boardEmpty')}</p> : null}
      <ol className="space-y-4">
        {rows.map((r) => {
          const providers = new Map<string, string>()
          for (const m of r.matches) providers.set(m.providerId, m.providerName)
          for (const s of r.suggestions) providers.set(s.providerId, s.providerName)
          const failed = actionData?.requestId === r.id ? actionData.errors : undefined
          return (
            <li key={r.id} className="card space-y-3">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <h2 className="text-base">
                  <Link to={urls.request(r.id)}>{r.title}</Link>
                </h2>
                <p className="text-sm text-slate-600">
                  {r.organization} · {r.publishedAt ? t('matches.waitingSince', { date: formatDate(r.publishedAt) }) : null}
                </p>
              </div>
              {r.matches.length > 0 ? (
                <div>
                  <h3 className="text-sm font-semibold">{t('matches.interests')}</h3>
                  <ul className="text-sm">
                    {r.matches.map((m) => (
                      <li key={m.id}>
                        <Link to={urls.match(m.id)}>{m.providerName}</Link> · {t(`matches.origins.${m.origin}`)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
              {r.suggestions.length > 0 ? (
                <div>
                  <h3 className="text-sm font-semibold">{t('matches.suggestions')}</h3>
                  <ol className="space-y-2">
                    {r.suggestions.map((s) => (
                      <li key={s.offerId} className="text-sm">
                        <Link to={urls.offer(s.offerId)}>{s.title}</Link> · {s.providerName} · {t('matches.score', { score: formatScore(s.score) })}
                        <SuggestionReasons reasons={s.reasons} />
                      </li>
                    ))}
                  </ol>
                </div>
              ) : null}
              {providers.size > 0 ? (
                <Form method="post" className="grid gap-2 border-t border-slate-100 pt-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end">
                  <input type="hidden" name="requestId" value={r.id} />
                  <div>
                    <label htmlFor={`provider-${r.id}`} className="label">
                      {t('matches.proposeProvider')}
                    </label>
                    <select id={`provider-${r.id}`} name="providerId" className="input mt-1">
                      {[...providers].map(([id, name]) => (
                        <option key={id} value={id}>
                          {name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div>
                    <label htmlFor={`note-${r.id}`} className="label">
                      {t('matches.proposeNote')}
                    </label>
                    <input id={`note-${r.id}`} name="note" maxLength={5000} className="input mt-1" />
                  </div>
                  <button type="submit" className="btn-primary" disabled={busy}>
                    {t('matches.proposeSubmit')}
                  </button>
                  <div className="sm:col-span-3">
                    <ErrorList errors={failed} />
                  </div>
                </Form>
              ) : null}
            </li>
          )
        })}
      </ol>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
