import { useTranslation } from 'react-i18next'

interface Factor {
  factor: string
  contribution: number
  reason: { key: string; values?: Record<string, string | number> } | null
}

/** Why the matching service suggests a pair: its reasons, strongest first, each in the reader's language. */
export function SuggestionReasons({ factors }: { factors: Factor[] }) {
  const { t } = useTranslation()
  const reasons = [...factors].filter((f) => f.reason).sort((a, b) => b.contribution - a.contribution)
  if (reasons.length === 0) return null
  return (
    <ul className="mt-1 list-disc space-y-0.5 ps-5 text-sm text-slate-700">
      {reasons.map((f) => (
        <li key={f.factor}>{t(f.reason!.key, f.reason!.values)}</li>
      ))}
    </ul>
  )
}

export const formatScore = (score: number) => score.toFixed(2)
