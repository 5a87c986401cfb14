import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { AlertFrequency } from '#db/schema/enum-values'
import { FrequencySelect } from '~/components/alerts/save-search'
import { DateTime } from '~/components/date-time'
import { MAX_ALERT_NAME } from '~/domain/alerts/limits'
import { alertChangeSchemas, AlertIdSchema, NewAlertSchema } from '~/domain/alerts/schemas'
import type { SessionUser } from '~/domain/accounts/sessions.server'
import { createSavedSearch, deleteSavedSearch, savedSearchesOf, updateSavedSearch } from '~/domain/alerts/saved-searches.server'
import { DomainError } from '~/domain/errors'
import { domainErrorText, readForm } from '~/http/forms.server'
import { dispatchIntent } from '~/http/intents.server'
import { requireUser } from '~/http/session.server'
import { db } from '~/utils/db.server'
import { redirectWithFlash } from '~/utils/flash.server'
import { requestTranslator } from '~/utils/i18n.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { useTranslation } from '~/utils/i18n-react'
import { titleMeta } from '~/utils/meta'
import { urls } from '~/utils/urls'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { t } = await requestTranslator(request)
  return { title: t('alerts.title'), alerts: await savedSearchesOf(db, user.id) }
}

type Handler = (request: Request, user: SessionUser, form: Record<string, FormDataEntryValue>) => ReturnType<typeof attemptChange>

/** A refusal in the reader's words: bad input is a 400, a rule's refusal its own 4xx, shown above the list. */
async function refusal(request: Request, error: DomainError | 'invalid') {
  const { t, locale } = await requestTranslator(request)
  if (error === 'invalid') return data({ error: t('alerts.errors.search') }, { status: 400 })
  return data({ error: domainErrorText(error, locale) }, { status: error.status })
}

/** Runs the change; back to the list with `flash` (its values are what the change returns), or the refusal. */
async function attemptChange(request: Request, run: () => Promise<Record<string, string> | void>, flash: 'alerts.list.updated' | 'alerts.list.deleted' | 'alerts.save.saved') {
  try {
    const values = (await run()) ?? undefined
    return redirectWithFlash(urls.alerts(), { key: flash, values })
  } catch (error) {
    if (error instanceof DomainError) return refusal(request, error)
    throw error
  }
}

const create: Handler = async (request, user, form) => {
  const parsed = NewAlertSchema.safeParse(form)
  if (!parsed.success) return refusal(request, 'invalid')
  const { t, locale } = await requestTranslator(request)
  return attemptChange(request, async () => ({ name: (await createSavedSearch(db, { userId: user.id, input: parsed.data, t, locale })).name }), 'alerts.save.saved')
}

const change =
  (schema: (typeof alertChangeSchemas)[keyof typeof alertChangeSchemas]): Handler =>
  async (request, user, form) => {
    const parsed = schema.safeParse(form)
    if (!parsed.success) return refusal(request, 'invalid')
    return attemptChange(request, () => updateSavedSearch(db, { userId: user.id, ...parsed.data }), 'alerts.list.updated')
  }

const handlers: Record<string, Handler> = {
  create,
  rename: change(alertChangeSchemas.rename),
  frequency: change(alertChangeSchemas.frequency),
  pause: change(alertChangeSchemas.pause),
  resume: change(alertChangeSchemas.resume),
  delete: async (request, user, form) => {
    const parsed = AlertIdSchema.safeParse(form)
    if (!parsed.success) return refusal(request, 'invalid')
    return attemptChange(request, () => deleteSavedSearch(db, { userId: user.id, id: parsed.data.id }), 'alerts.list.deleted')
  },
}

/**
 * `POST /alerts` with `search` (a search's path and query) and `frequency`, and an optional `name`, saves a search:
 * the form of the requests and offers pages. The management forms below name their `intent`.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = Object.fromEntries(await readForm(request.clone()))
  if (form.intent === undefined) return create(request, user, form)
  return dispatchIntent(request, handlers, request, user, form)
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['alerts'] }

export default function Alerts() {
  const { alerts } = useLoaderData<typeof loader>()
  const refused = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <div className="space-y-6">
      <header>
        <h1>{t('alerts.title')}</h1>
        <p className="mt-2 max-w-3xl text-slate-700">{t('alerts.lead')}</p>
      </header>
      {refused && 'error' in refused ? (
        <p role="alert" className="card border-red-700 text-red-800">
          {refused.error}
        </p>
      ) : null}
      {alerts.length === 0 ? <p className="card">{t('alerts.empty')}</p> : null}
      <ul className="space-y-3">
        {alerts.map((alert) => (
          <li key={alert.id} className="card space-y-3">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 className="text-lg">
                <Link to={alert.search}>{alert.name}</Link>
              </h2>
              <p className="text-sm text-slate-700">
                {t(`alerts.frequency.${alert.frequency}`)}
                {alert.paused ? <span className="badge ms-2 bg-slate-200 text-slate-900">{t('alerts.list.paused')}</span> : null}
              </p>
            </div>
            <p className="text-xs text-slate-600">
              {alert.lastServedAt ? (
                <>
                  {t('alerts.list.lastSent')} <DateTime value={alert.lastServedAt} />
                </>
              ) : (
                t('alerts.list.neverSent')
              )}
            </p>
            <AlertForms id={alert.id} name={alert.name} frequency={alert.frequency} paused={alert.paused} />
          </li>
        ))}
      </ul>
    </div>
  )
}

function AlertForms({ id, name, frequency, paused }: { id: string; name: string; frequency: AlertFrequency; paused: boolean }) {
  const { t } = useTranslation()
  return (
    <div className="flex flex-wrap items-end gap-4">
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="id" value={id} />
        <label className="text-sm">
          {t('alerts.list.name')}
          <input name="name" defaultValue={name} required maxLength={MAX_ALERT_NAME} className="input mt-1 block" />
        </label>
        <button type="submit" name="intent" value="rename" className="btn-secondary">
          {t('alerts.list.rename')}
        </button>
      </Form>
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="id" value={id} />
        <FrequencySelect label={t('alerts.list.frequency')} defaultValue={frequency} />
        <button type="submit" name="intent" value="frequency" className="btn-secondary">
          {t('alerts.list.change')}
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="id" value={id} />
        <button type="submit" name="intent" value={paused ? 'resume' : 'pause'} className="btn-secondary">
          {t(paused ? 'alerts.list.resume' : 'alerts.list.pause')}
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="id" value={id} />
        <button type="submit" name="intent" value="delete" className="btn-secondary">
          {t('alerts.list.delete')}
        </button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
