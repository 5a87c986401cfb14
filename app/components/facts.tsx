import type { TFunction } from 'i18next'
import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'
import { urls } from '~/utils/urls'

/** A definition list of facts about an item; empty facts are left out. */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  const shown = items.filter((item) => item.value !== null && item.value !== undefined && item.value !== '' && !(Array.isArray(item.value) && item.value.length === 0))
  return (
    <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
      {shown.map((item) => (
        <div key={item.label} className="contents">
          <dt className="text-sm font-medium text-slate-600">{item.label}</dt>
          <dd className="text-sm text-slate-900">{item.value}</dd>
        </div>
      ))}
    </dl>
  )
}

export function TagList({ items }: { items: string[] }) {
  return (
    <ul className="flex flex-wrap gap-1.5">
      {items.map((item) => (
        <li key={item} className="badge bg-slate-100 text-slate-800">
          {item}
        </li>
      ))}
    </ul>
  )
}

const statusTones: Record<string, string> = {
  draft: 'bg-slate-200 text-slate-800',
  submitted: 'bg-amber-100 text-amber-900',
  returned: 'bg-orange-100 text-orange-900',
  published: 'bg-emerald-100 text-emerald-900',
  active: 'bg-emerald-100 text-emerald-900',
  matched: 'bg-sky-100 text-sky-900',
  in_project: 'bg-sky-100 text-sky-900',
  completed: 'bg-indigo-100 text-indigo-900',
  paused: 'bg-amber-100 text-amber-900',
  withdrawn: 'bg-slate-200 text-slate-700',
  closed: 'bg-slate-200 text-slate-700',
}

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`badge ${statusTones[status] ?? 'bg-slate-200 text-slate-800'}`}>{label}</span>
}

/** Objectives, each linking to its page; the primary one, if given, marked. */
export function ObjectiveList({
  objectives,
  primary,
  className = 'space-y-1',
}: {
  objectives: { number: number; title: string }[]
  primary?: { number: number; label: string }
  className?: string
}) {
  return (
    <ul className={className}>
      {objectives.map((o) => (
        <li key={o.number}>
          <Link to={urls.objective(o.number)}>
            {o.number}. {o.title}
          </Link>
          {o.number === primary?.number ? <span className="badge ms-2 bg-brand-100 text-brand-900">{primary.label}</span> : null}
        </li>
      ))}
    </ul>
  )
}

/** An item's objectives (the primary one marked, each linking to its page) and its lettered actions. */
export function alignmentFacts(
  t: TFunction,
  labels: { objectives: { number: number; title: string }[]; actions: { code: string; text: string }[] },
  primaryObjective: number,
) {
  return [
    {
      label: t('requests.objectives'),
      value: <ObjectiveList objectives={labels.objectives} primary={{ number: primaryObjective, label: t('requests.primary') }} />,
    },
    {
      label: t('requests.actions'),
      value: labels.actions.length ? (
        <ul className="space-y-1">
          {labels.actions.map((a) => (
            <li key={a.code}>
              <span className="font-medium">{a.code}</span> {a.text}
            </li>
          ))}
        </ul>
      ) : null,
    },
  ]
}
