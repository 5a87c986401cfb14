import { Form } from '@remix-run/react'
import { useTranslation } from '~/utils/i18n-react'
import { Money } from '~/components/money'
import { useIsPending } from '~/utils/use-is-pending'
import type { FundingInvitation } from '~/domain/projects/funders.server'
import { urls } from '~/utils/urls'

type InvitationView = Omit<FundingInvitation, 'invitedAt'> & { invitedAt: string | Date }

/** Projects a State named one of the person's organisations to fund: owners and admins accept or decline. */
export function FundingInvitations({ invitations }: { invitations: InvitationView[] }) {
  const { t } = useTranslation()
  if (invitations.length === 0) return null
  return (
    <section aria-labelledby="funding-invitations-title" className="space-y-3">
      <h2 id="funding-invitations-title">{t('projectPages.fundingInvitations.title')}</h2>
      <p className="text-slate-700">{t('projectPages.fundingInvitations.lead')}</p>
      <ul className="space-y-3">
        {invitations.map((invitation) => (
          <li key={`${invitation.projectId}-${invitation.organizationId}`} className="card space-y-2">
            <h3 className="text-base font-semibold">{invitation.projectTitle}</h3>
            <p className="text-sm">{t('projectPages.fundingInvitations.named', { state: invitation.stateName, organization: invitation.organizationName })}</p>
            <p className="text-sm text-slate-700">{invitation.projectSummary}</p>
            <p className="text-sm">
              {t('projectPages.fundingInvitations.budget')} <Money minor={invitation.budgetAmount} currency={invitation.budgetCurrency} />
            </p>
            {invitation.mayAnswer ? <AnswerButtons projectId={invitation.projectId} organizationId={invitation.organizationId} /> : <p className="text-sm text-slate-600">{t('projectPages.fundingInvitations.onlyAdmins', { organization: invitation.organizationName })}</p>}
          </li>
        ))}
      </ul>
    </section>
  )
}

function AnswerButtons({ projectId, organizationId }: { projectId: string; organizationId: string }) {
  const { t } = useTranslation()
  const action = urls.projectFunding(projectId)
  const busy = useIsPending({ formAction: action })
  return (
    <Form method="post" action={action} className="flex flex-wrap gap-2">
      <input type="hidden" name="organizationId" value={organizationId} />
      <button type="submit" name="decision" value="accept" className="btn-primary" disabled={busy}>
        {t('projectPages.fundingInvitations.accept')}
      </button>
      <button type="submit" name="decision" value="decline" className="btn-secondary" disabled={busy}>
        {t('projectPages.fundingInvitations.decline')}
      </button>
    </Form>
  )
}
