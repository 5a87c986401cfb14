import { useTranslation } from '~/utils/i18n-react'

const tones = {
  pending: 'bg-amber-100 text-amber-900',
  verified: 'bg-emerald-100 text-emerald-900',
  rejected: 'bg-red-100 text-red-900',
} as const

export function VerificationBadge({ status }: { status: keyof typeof tones }) {
  const { t } = useTranslation()
  return <span className={`badge ${tones[status]}`}>{t(`verification.${status}`)}</span>
}
