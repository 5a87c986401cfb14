import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { DateTime } from '~/components/date-time'
import { TableHead } from '~/components/table-head'
import { can } from '~/domain/access/abilities'
import { requireUser } from '~/http/session.server'
import { invariantResponse } from '~/http/invariant.server'
import { db } from '~/utils/db.server'
import { mailDeliveryReport } from '~/utils/email.server'
import { requestTranslator } from '~/utils/i18n.server'
import type { I18nHandle } from '~/utils/i18n-page'
import { titleMeta } from '~/utils/meta'

/** The outbox's backlog and failed mail, for the secretariat: addresses and subjects, never a body. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  invariantResponse(can(user, 'read:mail'), 'Forbidden', { status: 403 })
  const { t } = await requestTranslator(request)
  return { title: t('secretariat.mail.title'), report: await mailDeliveryReport(db) }
}

/** The strings this page uses besides the layout's (written by `npm run i18n:routes`). */
export const handle: I18nHandle = { i18n: ['secretariat'] }

function Figure({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div className="card">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold text-slate-900">{value}</dd>
    </div>
  )
}

export default function MailDelivery() {
  const { report } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const number = (value: number) => new Intl.NumberFormat(i18n.language || 'en').format(value)
  return (
    <div className="space-y-6">
      <header>
        <h1>{t('secretariat.mail.title')}</h1>
        <p className="mt-2 text-slate-700">{t('secretariat.mail.lead')}</p>
      </header>
      <dl className="grid gap-4 sm:grid-cols-3">
        <Figure label={t('secretariat.mail.waiting')} value={number(report.waiting)} />
        <Figure label={t('secretariat.mail.retrying')} value={number(report.retrying)} />
        <Figure label={t('secretariat.mail.failed')} value={number(report.failed)} />
        {report.oldestWaiting ? <Figure label={t('secretariat.mail.oldestWaiting')} value={<DateTime value={report.oldestWaiting} />} /> : null}
        {report.stored > 0 ? <Figure label={t('secretariat.mail.stored')} value={number(report.stored)} /> : null}
      </dl>
      <section aria-labelledby="mail-failures" className="space-y-3">
        <h2 id="mail-failures">{t('secretariat.mail.failuresTitle')}</h2>
        {report.failures.length === 0 ? (
          <p className="card text-slate-700">{t('secretariat.mail.noFailures')}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="data-table">
              <TableHead
                columns={[
                  t('secretariat.mail.to'),
                  t('secretariat.mail.subject'),
                  t('secretariat.mail.status'),
                  { label: t('secretariat.mail.attempts'), numeric: true },
                  t('secretariat.mail.lastError'),
                  t('secretariat.mail.queuedAt'),
                ]}
              />
              <tbody>
                {report.failures.map((mail) => (
                  <tr key={mail.id}>
                    <td className="break-all">{mail.to}</td>
                    <td>{mail.subject}</td>
                    <td>{t(mail.status === 'failed' ? 'secretariat.mail.statusFailed' : 'secretariat.mail.statusRetrying')}</td>
                    <td className="text-end">{number(mail.attempts)}</td>
                    <td className="break-words font-mono text-xs" dir="ltr">
                      {mail.lastError}
                    </td>
                    <td>
                      <DateTime value={mail.createdAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = titleMeta

export { RouteErrorBoundary as ErrorBoundary } from '~/components/error-page'
