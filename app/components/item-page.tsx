import { Form, Link } from '@remix-run/react'
import { useIsPending } from '~/utils/use-is-pending'
import type { ReactNode } from 'react'
import { DateTime } from './date-time'

/*
 * The parts a request's, an offer's and a practice's page share: the head, the description, notices and the
 * card where their own side manages them.
 */

/** Who shared the item and when, its title and summary in their own language, and its badges. */
export function ItemHeader({
  id,
  item,
  by,
  published,
  badges,
  before,
}: {
  id: string
  item: { title: string; summary: string; language: string; publishedAt: string | Date | null }
  by: { label: string; name: string }
  published: string
  badges: ReactNode
  before?: ReactNode
}) {
  return (
    <header className="space-y-3">
      {before}
      <p className="text-sm text-slate-600">
        {by.label} <strong className="text-slate-900">{by.name}</strong>
        {item.publishedAt ? (
          <>
            {' · '}
            {published} <DateTime value={item.publishedAt} dateOnly />
          </>
        ) : null}
      </p>
      <h1 id={id} lang={item.language} dir="auto">
        {item.title}
      </h1>
      {badges ? <p className="flex flex-wrap items-center gap-2">{badges}</p> : null}
      <p className="max-w-3xl text-lg text-slate-700" lang={item.language} dir="auto">
        {item.summary}
      </p>
    </header>
  )
}

/** The item's long text, when it has one, in its own language. */
export function DescriptionCard({ label, text, language }: { label: string; text: string; language: string }) {
  return text ? (
    <section className="card" aria-label={label}>
      <p className="whitespace-pre-line" lang={language} dir="auto">
        {text}
      </p>
    </section>
  ) : null
}

const tones = { info: 'border-sky-200 bg-sky-50 text-sky-900', warn: 'border-amber-200 bg-amber-50 text-amber-900', error: 'border-red-200 bg-red-50 text-red-900' }

/** A sentence about where the item stands (or why a step failed) above its page. */
export function Notice({ tone, children }: { tone: keyof typeof tones; children: ReactNode }) {
  return (
    <p role={tone === 'error' ? 'alert' : undefined} className={`rounded-md border p-3 text-sm ${tones[tone]}`}>
      {children}
    </p>
  )
}

/** The card where the item's own side edits it and takes the steps its lifecycle allows. */
export function ManageCard({ title, edit, children }: { title: string; edit: { to: string; label: string } | null; children: ReactNode }) {
  return (
    <section className="card space-y-3" aria-labelledby="manage-title">
      <h2 id="manage-title" className="text-base">
        {title}
      </h2>
      {edit ? (
        <Link to={edit.to} className="btn-secondary w-full">
          {edit.label}
        </Link>
      ) : null}
      {children}
    </section>
  )
}

/** One lifecycle step as a button of its own form (the action reads its `intent`). */
export function StepButton({ intent, label, className }: { intent: string; label: string; className: string }) {
  const busy = useIsPending({ intent })
  return (
    <Form method="post">
      <button type="submit" name="intent" value={intent} className={className} disabled={busy}>
        {label}
      </button>
    </Form>
  )
}
