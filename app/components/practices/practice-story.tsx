import { useTranslation } from '~/utils/i18n-react'

/** The body of a practice: what was done, what came of it, what was learned, and where to read more. */
export function PracticeStory({ practice }: { practice: { language?: string; whatWasDone: string; results: string; lessons: string; links: string[] } }) {
  const { t } = useTranslation()
  const parts = [
    { id: 'what-was-done', title: t('practices.fields.whatWasDone'), text: practice.whatWasDone },
    { id: 'results', title: t('practices.fields.results'), text: practice.results },
    { id: 'lessons', title: t('practices.fields.lessons'), text: practice.lessons },
  ].filter((part) => part.text.trim())
  return (
    <>
      {parts.map((part) => (
        <section key={part.id} aria-labelledby={part.id} className="card space-y-2">
          <h2 id={part.id}>{part.title}</h2>
          <p className="whitespace-pre-line break-words text-slate-800" lang={practice.language} dir="auto">
            {part.text}
          </p>
        </section>
      ))}
      {practice.links.length ? (
        <section aria-labelledby="links" className="card space-y-2">
          <h2 id="links">{t('practices.page.links')}</h2>
          <ul className="list-disc space-y-1 ps-5 text-sm">
            {practice.links.map((url) => (
              <li key={url} className="break-all">
                <a href={url} rel="noopener noreferrer nofollow" target="_blank">
                  {url}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}
