import { Link } from '@remix-run/react'

/** The head of a page reached from another: the way back, the page's title and what it is for. */
export function PageHeader({ back, title, lead, leadClassName = 'max-w-3xl text-slate-700' }: { back: { to: string; label: string }; title: string; lead: string; leadClassName?: string }) {
  return (
    <header className="space-y-2">
      <p className="text-sm">
        <Link to={back.to}>← {back.label}</Link>
      </p>
      <h1>{title}</h1>
      <p className={leadClassName}>{lead}</p>
    </header>
  )
}
