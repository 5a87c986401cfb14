/** Why the matching service suggests a pair: its reasons, strongest first, worded by the server in the reader's language. */
export function SuggestionReasons({ reasons }: { reasons: string[] }) {
  if (reasons.length === 0) return null
  return (
    <ul className="mt-1 list-disc space-y-0.5 ps-5 text-sm text-slate-700">
      {reasons.map((reason) => (
        <li key={reason}>{reason}</li>
      ))}
    </ul>
  )
}

export const formatScore = (score: number) => score.toFixed(2)
